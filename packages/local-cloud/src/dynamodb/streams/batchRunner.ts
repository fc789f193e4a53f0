import { randomUUID } from 'node:crypto';
import { parseArn } from '../../core/arn';
import type { LocalCloud } from '../../core/context';
import type { InvokeOutcome } from '../../core/ports';
import type { StreamMapping } from './mapping';
import { createdAtEstimate, type StreamEntry } from './records';

/** Records still to deliver, with how often they were invoked and how many retries they used. */
interface Attempt {
  entries: StreamEntry[];
  invocations: number;
  retries: number;
}

type Verdict = { ok: true } | { ok: false; from: number; functionError?: string };

/**
 * Delivers one batch of a shard the way Lambda's DynamoDB event source mapping does: ReportBatchItemFailures
 * resumes from the lowest reported sequence number, a function error bisects the batch (when enabled; a
 * split uses no retry) or retries it with backoff, and after MaximumRetryAttempts the documented on-failure
 * record goes to the SQS/SNS destination and the shard moves on.
 */
export async function runBatch(
  entries: StreamEntry[],
  shardId: string,
  mapping: StreamMapping,
  ctx: LocalCloud,
  sleep: (ms: number) => Promise<boolean>,
  retryBaseDelayMs: number,
): Promise<void> {
  // Lambda reads the stream as the function's role (DescribeStream, GetShardIterator, GetRecords): without
  // them the mapping reads nothing, and the records wait (their IteratorAge growing) until it may. A mapping
  // whose role lacks them is refused at deployment (IamEnforcement.checkCreation); this is for a permission
  // that went away afterwards.
  for (let retries = 1; ; retries++) {
    const denial = await ctx.iam?.authorizeEventSource({
      functionRef: mapping.functionArn,
      sourceArn: mapping.streamArn,
    });
    if (!denial) break;
    if (!(await sleep(Math.min(30_000, retryBaseDelayMs * 2 ** retries)))) return;
  }
  const queue: Attempt[] = [{ entries, invocations: 0, retries: 0 }];
  while (queue.length > 0) {
    const attempt = queue.shift()!;
    attempt.invocations += 1;
    const outcome = await ctx.lambda.invoke(mapping.functionRef, {
      Records: attempt.entries.map((e) => e.record),
    });
    putIteratorAge(attempt.entries, mapping, ctx);
    const verdict = judge(outcome, attempt.entries, mapping);
    if (verdict.ok) continue;
    const failed = attempt.entries.slice(verdict.from);
    if (verdict.functionError && mapping.bisectOnError && failed.length > 1) {
      const half = Math.ceil(failed.length / 2);
      queue.unshift(
        { ...attempt, entries: failed.slice(0, half) },
        { ...attempt, entries: failed.slice(half) },
      );
      continue;
    }
    const next = { entries: failed, invocations: attempt.invocations, retries: attempt.retries + 1 };
    if (mapping.maximumRetryAttempts >= 0 && next.retries > mapping.maximumRetryAttempts) {
      await discard(next, verdict.functionError, shardId, mapping, ctx);
      continue;
    }
    const stopped = !(await sleep(Math.min(30_000, retryBaseDelayMs * 2 ** (next.retries - 1))));
    if (stopped) return;
    queue.unshift(next);
  }
}

/** Success, or the index of the first record to deliver again. */
function judge(outcome: InvokeOutcome, entries: StreamEntry[], mapping: StreamMapping): Verdict {
  if (!outcome.ok) return { ok: false, from: 0, functionError: 'Unhandled' };
  if (!mapping.reportBatchItemFailures) return { ok: true };
  const failures = (outcome.result as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  if (failures === undefined || failures === null || (Array.isArray(failures) && failures.length === 0))
    return { ok: true };
  if (!Array.isArray(failures)) return { ok: false, from: 0 };
  const positions = failures.map((failure: { itemIdentifier?: unknown } | null) =>
    entries.findIndex((entry) => entry.record.dynamodb.SequenceNumber === failure?.itemIdentifier),
  );
  // An empty, null or unknown itemIdentifier fails the whole batch, as documented.
  if (positions.some((position) => position < 0)) return { ok: false, from: 0 };
  return { ok: false, from: Math.min(...positions) };
}

function putIteratorAge(entries: StreamEntry[], mapping: StreamMapping, ctx: LocalCloud): void {
  const last = entries.at(-1);
  if (!last) return;
  ctx.metrics.put({
    namespace: 'AWS/Lambda',
    name: 'IteratorAge',
    dimensions: { FunctionName: mapping.functionArn.split(':')[6] ?? mapping.functionRef },
    value: Math.max(0, Date.now() - createdAtEstimate(last)),
    unit: 'Milliseconds',
    timestamp: new Date(),
  });
}

const isoSeconds = (epochSeconds: number | undefined) =>
  new Date((epochSeconds ?? Date.now() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Sends the documented invocation record of a discarded batch to the on-failure destination. */
async function discard(
  attempt: Attempt,
  functionError: string | undefined,
  shardId: string,
  mapping: StreamMapping,
  ctx: LocalCloud,
): Promise<void> {
  const first = attempt.entries[0]!.record.dynamodb;
  const last = attempt.entries.at(-1)!.record.dynamodb;
  const body = JSON.stringify({
    requestContext: {
      requestId: randomUUID(),
      functionArn: mapping.functionArn,
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: attempt.invocations,
    },
    responseContext: {
      statusCode: 200,
      executedVersion: '$LATEST',
      ...(functionError ? { functionError } : {}),
    },
    version: '1.0',
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId,
      startSequenceNumber: first.SequenceNumber,
      endSequenceNumber: last.SequenceNumber,
      approximateArrivalOfFirstRecord: isoSeconds(first.ApproximateCreationDateTime),
      approximateArrivalOfLastRecord: isoSeconds(last.ApproximateCreationDateTime),
      batchSize: attempt.entries.length,
      streamArn: mapping.streamArn,
    },
  });
  const where = `stream mapping ${mapping.name}: discarded ${attempt.entries.length} record(s) after ${attempt.invocations} invocation(s)`;
  try {
    const service = mapping.onFailure ? parseArn(mapping.onFailure)?.service : undefined;
    const role = mapping.onFailure ? ctx.iam?.functionRole(mapping.functionArn) : undefined;
    const denial =
      role &&
      (await ctx.iam?.authorizeDelivery({
        principal: role,
        target: mapping.onFailure!,
        caller: `event source mapping ${mapping.streamArn} failures → ${mapping.onFailure}`,
      }));
    if (denial) throw denial.error;
    if (service === 'sqs') await ctx.sqs.send(mapping.onFailure!, { body });
    else if (service === 'sns') await ctx.sns.publish(mapping.onFailure!, { message: body });
    ctx.log(service ? `${where}; sent to ${mapping.onFailure}` : `${where}; no on-failure destination`);
  } catch (error) {
    ctx.log(`${where}; sending to ${mapping.onFailure} failed: ${(error as Error).message}`);
  }
}
