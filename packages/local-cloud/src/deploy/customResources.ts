import { randomUUID } from 'node:crypto';
import type { LocalCloud } from '../core/context';
import type { AwsResponse, LocalRoute } from '../core/protocol';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import { stackIdOf } from './pseudo';

/** What the custom resource's function PUTs to the ResponseURL (the cfn-response protocol). */
interface CustomResourceAnswer {
  Status?: string;
  Reason?: string;
  PhysicalResourceId?: string;
  Data?: Record<string, unknown>;
}

/** Where the local AWS endpoint takes the answers: `PUT /_local/cloudformation/responses/<id>`. */
const RESPONSE_PATH = '/_local/cloudformation/responses/';

/** The types of Lambda-backed custom resources (`Custom::Anything`), matched by prefix in the deployer. */
export const CUSTOM_RESOURCE_TYPES = ['AWS::CloudFormation::CustomResource', 'Custom::*'] as const;

/**
 * Lambda-backed custom resources, as CloudFormation runs them: the `ServiceToken` function is invoked with a
 * `Create` event whose `ResponseURL` is a route of the local AWS endpoint; the resource is created when the
 * function PUTs `SUCCESS` there (its `Data` become the `Fn::GetAtt` attributes, `PhysicalResourceId` the
 * `Ref`), and the deployment fails with its `Reason` on `FAILED`, or when the function ends without answering.
 * Updates and deletes are never sent: every local start deploys from scratch.
 */
export class CustomResourceProvider implements ResourceProvider {
  readonly types = CUSTOM_RESOURCE_TYPES;
  private readonly pending = new Map<string, (answer: CustomResourceAnswer) => void>();

  async create(resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> {
    const { ServiceToken: serviceToken, ...properties } = resource.properties;
    if (typeof serviceToken !== 'string' || !/:lambda:|^[\w-]+$/.test(serviceToken)) {
      throw new Error(
        `ServiceToken ${String(serviceToken)} is not a Lambda function (SNS-backed custom resources are not run locally)`,
      );
    }
    const id = randomUUID();
    const { region, accountId, awsPort, host, stage } = ctx.config;
    const answered = new Promise<CustomResourceAnswer>((resolve) => this.pending.set(id, resolve));
    const endpointHost = host.includes(':') ? `[${host}]` : host;
    const event = {
      RequestType: 'Create',
      ServiceToken: serviceToken,
      ResponseURL: `http://${endpointHost}:${awsPort}${RESPONSE_PATH}${id}`,
      StackId: stackIdOf({ stackName: `spendwise-${resource.stack}-${stage}`, region, accountId }),
      RequestId: id,
      LogicalResourceId: resource.logicalId,
      ResourceType: resource.type,
      ResourceProperties: { ServiceToken: serviceToken, ...properties },
    };
    try {
      const invoked = ctx.lambda.invoke(serviceToken, event).then((outcome) => ({ outcome }));
      const first = await Promise.race([answered.then((answer) => ({ answer })), invoked]);
      const answer =
        'answer' in first ? first.answer : await Promise.race([answered, Promise.resolve(undefined)]);
      if (!answer) {
        const outcome = 'outcome' in first ? first.outcome : undefined;
        const why =
          outcome && !outcome.ok
            ? `${outcome.errorType}: ${outcome.errorMessage}`
            : 'it returned without answering';
        throw new Error(
          `the custom resource function ${serviceToken} never answered on its ResponseURL (${why})`,
        );
      }
      if (answer.Status !== 'SUCCESS') {
        throw new Error(
          `the custom resource function answered ${String(answer.Status)}: ${answer.Reason ?? 'no reason given'}`,
        );
      }
      return {
        ref: answer.PhysicalResourceId ?? `${resource.logicalId}-${id}`,
        attributes: { ...(answer.Data ?? {}) },
      };
    } finally {
      this.pending.delete(id);
    }
  }

  /** The ResponseURL route on the shared AWS endpoint. */
  routes(): LocalRoute[] {
    return [
      {
        method: 'PUT',
        path: `${RESPONSE_PATH}*`,
        handle: async (request): Promise<AwsResponse> => {
          const resolve = this.pending.get(request.path.slice(RESPONSE_PATH.length));
          if (!resolve)
            return {
              status: 404,
              headers: { 'content-type': 'application/json' },
              body: { message: 'No custom resource waits for this response' },
            };
          try {
            resolve(JSON.parse(request.body.toString('utf8')) as CustomResourceAnswer);
          } catch {
            return {
              status: 400,
              headers: { 'content-type': 'application/json' },
              body: { message: 'The response is not JSON' },
            };
          }
          return { status: 200, headers: { 'content-type': 'application/json' }, body: {} };
        },
      },
    ];
  }
}
