import { asNumber, path, show } from './cfn';
import { eventSources, reportsBatchItemFailures } from './eventSources';
import { type Rule, type Violation, violation } from './rules';

/** Lambda's upper bound for MaximumRetryAttempts on stream sources; -1 (the default) means forever. */
const MAX_RETRY_ATTEMPTS = 10_000;

/** DynamoDB-stream and Kinesis mappings: partial batch responses, bounded retries, an on-failure destination. */
export const checkStreams: Rule = (context) => {
  const found: Violation[] = [];
  for (const source of eventSources(context.template)) {
    if (source.kind !== 'dynamodb' && source.kind !== 'kinesis') continue;
    const { id, props } = source;
    if (!reportsBatchItemFailures(props)) {
      found.push(
        violation(
          context,
          'partial-batch-responses',
          id,
          'FunctionResponseTypes lacks ReportBatchItemFailures (a poison record would block its shard)',
        ),
      );
    }
    const retries = asNumber(props.MaximumRetryAttempts);
    if (retries === undefined || retries < 0 || retries > MAX_RETRY_ATTEMPTS) {
      found.push(
        violation(
          context,
          'stream-bounded-retries',
          id,
          `MaximumRetryAttempts is ${show(props.MaximumRetryAttempts)}; absent or -1 retries until the record expires`,
        ),
      );
    }
    if (!path(props, 'DestinationConfig', 'OnFailure', 'Destination')) {
      found.push(
        violation(
          context,
          'stream-on-failure-destination',
          id,
          'DestinationConfig.OnFailure.Destination is missing; discarded records would leave no trace',
        ),
      );
    }
  }
  return found;
};
