import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { type GetParameters, type ReadParametersProperties, readParameters } from './readParameters';

const clients = new Map<string, SSMClient>();

const getParameters: GetParameters = async (region, names) => {
  let client = clients.get(region);
  if (!client) {
    client = new SSMClient({ region });
    clients.set(region, client);
  }
  const answer = await client.send(new GetParametersCommand({ Names: names }));
  const values = Object.fromEntries((answer.Parameters ?? []).map((p) => [p.Name!, p.Value ?? '']));
  return { values, missing: answer.InvalidParameters ?? [] };
};

/**
 * The custom resource's Lambda: answers CloudFormation on the pre-signed ResponseURL (as cfn-response does)
 * with the parameter values as attributes. Delete has nothing to undo.
 */
export const handler = async (event: CloudFormationCustomResourceEvent, context: Context): Promise<void> => {
  const properties = event.ResourceProperties as unknown as ReadParametersProperties;
  let status: 'SUCCESS' | 'FAILED' = 'SUCCESS';
  let reason = `See CloudWatch log stream ${context.logStreamName}`;
  let data: Record<string, string> = {};
  try {
    if (event.RequestType !== 'Delete') data = await readParameters(properties, getParameters);
  } catch (error) {
    status = 'FAILED';
    reason = error instanceof Error ? error.message : String(error);
    console.error(JSON.stringify({ level: 'ERROR', message: reason }));
  }
  const body = JSON.stringify({
    Status: status,
    Reason: reason,
    // Stable across updates: a new id would make CloudFormation delete the "old" resource.
    PhysicalResourceId:
      'PhysicalResourceId' in event ? event.PhysicalResourceId : `${event.LogicalResourceId}-parameters`,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: data,
  });
  const response = await fetch(event.ResponseURL, {
    method: 'PUT',
    // The pre-signed URL is signed without a content type.
    headers: { 'content-type': '', 'content-length': String(Buffer.byteLength(body)) },
    body,
  });
  if (!response.ok) throw new Error(`CloudFormation response was refused: ${response.status}`);
};
