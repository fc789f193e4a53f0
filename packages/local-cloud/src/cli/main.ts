import { parseArgs } from 'node:util';
import { type Command, commands } from './commands';

const USAGE = `spendwise-local — the whole of Spendwise on this machine, from its packaged CloudFormation

usage: pnpm start                          (= spendwise-local start)
       pnpm exec spendwise-local <command>

commands:
  start [--port 4566] [--api-port 4600] [--stage local] [--in-memory] [--force]
                                    package, deploy and run every service
        [--data-dir .local-cloud] [--queue-time-scale 1]
                                    (port 0: any free port; see .local-cloud/endpoints.json)
        [--web-port 3000] [--web-root apps/web/dist] [--waf-time-scale 1]
                                    the local CloudFront: the web app and the APIs under /api
        [--allow-origin http://localhost:5173 ...]   a local web app's origin the AWS endpoint answers
        [--allow-host name[:port] ...]               a Host name the AWS endpoint accepts besides loopback
        [--model-endpoint local|bedrock|<url>]       where Bedrock calls go: the local model (default), Amazon
                                    Bedrock with your AWS credentials, or an OpenAI-compatible API (Ollama:
                                    http://localhost:11434/v1)
        [--model-region r] [--model-id id]           Bedrock's region; the model (required with a URL)
        [--iam enforce|report|off]                   IAM on every call: enforce answers AccessDenied as AWS
                                    would, report allows but lists what would be denied (default enforce)
        [--stack-param service:Parameter=value ...]  a stack parameter, e.g. a restored table
                                    (expenses:TableName=… expenses:TableStreamArn=…, docs/runbooks/restore-table.md)
  token <user> [--scope s ...]      print an access token for <user> (only the token, for $(...))
  invoke <function> [json|@file]    run a function and print its result and logs
  events tail [--source s]          print every event on the bus, live
  queues                            queue depths, in flight, DLQs
  redrive <dlq>                     move a dead-letter queue's messages back to their source queue
  executions [--limit n]            recent Step Functions executions
  schedule list | schedule run <name>
  alarms                            CloudWatch alarm states
  iam denials [--limit n]           what IAM denied (or would deny), with the statement that would allow it
  iam credentials <function>        a function's local credentials as JSON, to replay its calls with the CLI
  model faults '<json>'             inject faults into the local model, e.g. '{"throttleNext":3}'
  model requests [--limit n]        the last requests the local model received (what it was really sent)
  s3 ls [bucket] [--prefix p]       the local S3's buckets, or a bucket's current objects
  settle [--timeout seconds]        wait until every asynchronous flow has finished (default 60 s)
  snapshot create [--name n]        copy every table (and .local-cloud/s3) into .local-cloud/snapshots/<n>/
  snapshot ls                       the snapshots taken
  snapshot restore <name> [--suffix s] [--table t ...]
                                    create NEW tables <table>-restored-<s> from a snapshot, as an AWS restore
                                    does: items and indexes, no stream, TTL or PITR (the runbook re-creates them)

Every command takes --data-dir <dir> to reach a local cloud started with \`start --data-dir <dir>\`.
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      'api-port': { type: 'string' },
      stage: { type: 'string' },
      'in-memory': { type: 'boolean' },
      'data-dir': { type: 'string' },
      'queue-time-scale': { type: 'string' },
      'web-port': { type: 'string' },
      'web-root': { type: 'string' },
      'waf-time-scale': { type: 'string' },
      force: { type: 'boolean' },
      'allow-origin': { type: 'string', multiple: true },
      'allow-host': { type: 'string', multiple: true },
      'model-endpoint': { type: 'string' },
      'model-region': { type: 'string' },
      'model-id': { type: 'string' },
      scope: { type: 'string', multiple: true },
      source: { type: 'string' },
      limit: { type: 'string' },
      prefix: { type: 'string' },
      timeout: { type: 'string' },
      name: { type: 'string' },
      suffix: { type: 'string' },
      table: { type: 'string', multiple: true },
      'stack-param': { type: 'string', multiple: true },
      iam: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [name, ...args] = positionals;
  const command: Command | undefined = name ? commands[name] : undefined;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  return command(args, values);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined && code !== -1) process.exit(code);
  },
  (error: Error) => {
    process.stderr.write(`spendwise-local: ${error.message}\n`);
    process.exit(1);
  },
);
