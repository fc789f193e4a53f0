import { parseArgs } from 'node:util';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeEventBusCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { everyEvent } from '@spendwise/contracts';
import { buildOutboxIndex } from '../outboxIndex';
import { type RedriveProgress, redriveOutbox } from '../redrive';
import { buildOutboxPublisher, outboxEventBridgeClient } from '../relayPublisher';

/** The services that publish through an outbox, and so have one to redrive. */
export const PUBLISHING_SERVICES = ['catalog', 'expenses', 'insights', 'notifications'] as const;

export const DEFAULT_OLDER_THAN_MINUTES = 15;

export const USAGE = `Usage: pnpm ops:outbox-redrive --service <${PUBLISHING_SERVICES.join('|')}> --stage <stage>
         [--older-than <minutes>] [--dry-run] [--endpoint <url>] [--region <region>]

Republishes the outbox records of a service written more than --older-than minutes ago (default
${DEFAULT_OLDER_THAN_MINUTES}) to the bus spendwise-<stage>, with their original event ids, and deletes each one
after its publish succeeded. --dry-run lists them only. Runbooks: docs/runbooks/*-outbox-relay-*.md.`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  now?: () => Date;
}

/** Exit codes: 0 all republished (or nothing to do), 1 some records failed, 2 bad usage or unknown service/stage. */
export async function runOutboxRedrive(argv: string[], io: CliIo): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(argv, io.env);
  } catch (error) {
    io.err(`ops:outbox-redrive: ${(error as Error).message}`);
    io.err(USAGE);
    return 2;
  }
  if (options === 'help') {
    io.out(USAGE);
    return 0;
  }
  const { service, stage, olderThanMinutes, dryRun, endpoint, region } = options;
  const clientConfig: {
    region: string;
    endpoint?: string;
    credentials?: { accessKeyId: string; secretAccessKey: string };
  } = {
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(endpoint && isLoopback(endpoint) && !io.env.AWS_ACCESS_KEY_ID
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  };
  const dynamo = new DynamoDBClient(clientConfig);
  const events = outboxEventBridgeClient(clientConfig);
  const tableName = `spendwise-${stage}-${service}`;
  const busName = `spendwise-${stage}`;
  const where = `${region}${endpoint ? ` at ${endpoint}` : ''}`;
  try {
    const missing = await missingTarget(dynamo, events, { tableName, busName });
    if (missing) {
      io.err(
        `ops:outbox-redrive: no ${missing} in ${where}: is stage "${stage}" of ${service} deployed there?`,
      );
      return 2;
    }

    const now = io.now?.() ?? new Date();
    const olderThan = new Date(now.getTime() - olderThanMinutes * 60_000);
    io.out(
      `${dryRun ? 'Dry run: listing' : 'Republishing'} ${service} outbox records written before ` +
        `${olderThan.toISOString()} (${olderThanMinutes} min ago) from ${tableName} to ${busName}`,
    );
    const index = buildOutboxIndex(DynamoDBDocumentClient.from(dynamo), { tableName });
    const publisher = buildOutboxPublisher(events, { busName, events: everyEvent() });
    const summary = await redriveOutbox(index, publisher.publish, {
      olderThan,
      dryRun,
      onProgress: (progress) =>
        (progress.outcome === 'failed' ? io.err : io.out)(progressLine(progress, now)),
    });
    io.out(
      `${service}/${stage}: ${summary.found} found, ${summary.republished} republished, ` +
        `${summary.alreadyDrained} already drained` +
        `${dryRun ? `, ${summary.wouldRepublish} would be republished` : ''}, ${summary.failed} failed`,
    );
    return summary.failed > 0 ? 1 : 0;
  } catch (error) {
    io.err(`ops:outbox-redrive: ${(error as Error).name}: ${(error as Error).message}`);
    return 1;
  } finally {
    dynamo.destroy();
    events.destroy();
  }
}

/** Which of the service's table and the stage's bus does not exist, if one does not. */
async function missingTarget(
  dynamo: DynamoDBClient,
  events: EventBridgeClient,
  names: { tableName: string; busName: string },
): Promise<string | undefined> {
  const exists = async (describe: () => Promise<unknown>) => {
    try {
      await describe();
      return true;
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return false;
      throw error;
    }
  };
  if (!(await exists(() => dynamo.send(new DescribeTableCommand({ TableName: names.tableName }))))) {
    return `table ${names.tableName}`;
  }
  if (!(await exists(() => events.send(new DescribeEventBusCommand({ Name: names.busName }))))) {
    return `event bus ${names.busName}`;
  }
  return undefined;
}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      service: { type: 'string' },
      stage: { type: 'string' },
      'older-than': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return 'help' as const;
  if (positionals.length > 0) throw new Error(`unexpected argument ${positionals[0]}`);
  const service = values.service;
  if (!service) throw new Error('--service is required');
  if (!(PUBLISHING_SERVICES as readonly string[]).includes(service)) {
    throw new Error(`unknown service "${service}": one of ${PUBLISHING_SERVICES.join(', ')}`);
  }
  const stage = values.stage;
  if (!stage) throw new Error('--stage is required');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(stage)) throw new Error(`"${stage}" is not a stage name`);
  const olderThanMinutes =
    values['older-than'] === undefined ? DEFAULT_OLDER_THAN_MINUTES : Number(values['older-than']);
  if (!Number.isFinite(olderThanMinutes) || olderThanMinutes < 0) {
    throw new Error(`--older-than takes a number of minutes (0 or more), not "${values['older-than']}"`);
  }
  if (values.endpoint !== undefined && !URL.canParse(values.endpoint)) {
    throw new Error(`--endpoint "${values.endpoint}" is not a URL`);
  }
  const region = values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'eu-west-1';
  return { service, stage, olderThanMinutes, dryRun: values['dry-run'], endpoint: values.endpoint, region };
}

function progressLine(progress: RedriveProgress, now: Date): string {
  const ageMinutes = Math.round((now.getTime() - Date.parse(progress.writtenAt)) / 60_000);
  return [
    progress.outcome.padEnd(15),
    progress.eventId,
    progress.detailType ?? '?',
    `written ${progress.writtenAt} (${ageMinutes} min ago)`,
    ...(progress.error ? [progress.error] : []),
  ].join('  ');
}

const isLoopback = (endpoint: string) =>
  ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint).hostname);
