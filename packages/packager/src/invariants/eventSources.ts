import type { CfnTemplate } from '../template';
import { asList, getAtt, type Properties, refTarget, renderString, resource, resources } from './cfn';

export type EventSourceKind = 'sqs' | 'dynamodb' | 'kinesis' | 'other';

/** An event source mapping with what it reads from and which function it feeds. */
export interface EventSource {
  id: string;
  props: Properties;
  kind: EventSourceKind;
  /** Logical id of the source (queue, table, stream) when it is in this template. */
  sourceId?: string;
  /** Logical id of the consuming function when it is in this template. */
  functionId?: string;
}

/** Every `AWS::Lambda::EventSourceMapping`, classified by the kind of source it reads. */
export function eventSources(template: CfnTemplate): EventSource[] {
  return resources(template, 'AWS::Lambda::EventSourceMapping').map(([id, props]) => {
    const sourceId = refTarget(props.EventSourceArn);
    const functionId = refTarget(props.FunctionName);
    return {
      id,
      props,
      kind: classify(template, props.EventSourceArn),
      ...(sourceId && resource(template, sourceId) ? { sourceId } : {}),
      ...(functionId && resource(template, functionId)?.Type === 'AWS::Lambda::Function'
        ? { functionId }
        : {}),
    };
  });
}

function classify(template: CfnTemplate, arn: unknown): EventSourceKind {
  const att = getAtt(arn);
  const target = resource(template, att?.id ?? refTarget(arn));
  if (target?.Type === 'AWS::SQS::Queue') return 'sqs';
  if (target?.Type === 'AWS::DynamoDB::Table' || target?.Type === 'AWS::DynamoDB::GlobalTable')
    return 'dynamodb';
  if (target?.Type === 'AWS::Kinesis::Stream' || target?.Type === 'AWS::Kinesis::StreamConsumer')
    return 'kinesis';
  const text = renderString(arn) ?? '';
  if (text.includes(':sqs:')) return 'sqs';
  if (text.includes(':dynamodb:') && text.includes('/stream/')) return 'dynamodb';
  if (text.includes(':kinesis:')) return 'kinesis';
  return 'other';
}

/** Whether an event source mapping reports partial batch failures. */
export function reportsBatchItemFailures(props: Properties): boolean {
  return asList(props.FunctionResponseTypes).includes('ReportBatchItemFailures');
}
