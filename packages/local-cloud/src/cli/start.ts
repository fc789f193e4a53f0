import { join } from 'node:path';
import type { Unsupported } from '../core/errors';
import { ensureWebAppBuilt } from '../edge/webAppBuild';
import { type RunningLocalCloud, type StartOptions, startLocalCloud } from '../localCloud';
import { batchedLines } from '../logs/logSink';
import { ensurePortFree, isPortInUse, portInUseMessage } from './busyPort';

const out = (line = '') => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** The line scripts wait for: printed once everything is deployed and serving. */
export const READY_LINE = 'Spendwise local cloud is ready';

/** Starts the local cloud in this process, prints where everything is, and stops cleanly on Ctrl-C. */
export async function runForeground(
  options: Omit<StartOptions, 'progress' | 'printLogs'>,
): Promise<RunningLocalCloud> {
  const started = performance.now();
  const awsPort = options.awsPort ?? 4566;
  const dataDir = options.dataDir ?? join(options.rootDir, '.local-cloud');
  const webPort = options.webPort ?? 3000;
  await ensurePortFree(options.host ?? '127.0.0.1', awsPort, dataDir);
  await ensurePortFree(options.host ?? '127.0.0.1', webPort, dataDir, { awsPort, webPort });
  err('starting the Spendwise local cloud…');
  // The edge serves apps/web/dist: build it first when it is missing or older than its sources. A broken build
  // does not keep the APIs from starting; the edge then answers with a page that says what to do.
  if (!options.webRoot) {
    await ensureWebAppBuilt(options.rootDir, err).catch((error: unknown) =>
      err(`the web app is not served: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  const printLogs = batchedLines((text) => process.stdout.write(text));
  const cloud = await startLocalCloud({ ...options, progress: err, printLogs }).catch((error: unknown) => {
    if (!isPortInUse(error)) throw error;
    throw new Error(portInUseMessage(error, { awsPort, dataDir, webPort }));
  });
  printSummary(cloud, performance.now() - started);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    err(`\n${signal}: stopping (finishing in-flight work, keeping data)…`);
    await cloud.stop();
    err('stopped.');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return cloud;
}

function printSummary(cloud: RunningLocalCloud, elapsedMs: number): void {
  const { endpoints, config } = cloud;
  out();
  if (endpoints.web) out(`web (CloudFront) ${endpoints.web}   (the app and the APIs under /api)`);
  out(`AWS endpoint     ${endpoints.awsEndpoint}   (AWS_ENDPOINT_URL / aws --endpoint-url)`);
  for (const [service, url] of Object.entries(endpoints.apis)) out(`${`${service} API`.padEnd(17)}${url}`);
  for (const issuer of endpoints.issuers) {
    out(`JWT issuer       ${issuer.issuer}`);
    if (issuer.discoveryUrl) out(`sign-in (OIDC)   ${issuer.discoveryUrl}`);
  }
  out(`region / stage   ${endpoints.region} / ${endpoints.stage}`);
  out(
    `Bedrock model    ${cloud.engines.model.answeredBy === 'local' ? 'the local model (deterministic; --model-endpoint for a real one)' : cloud.engines.model.answeredBy}`,
  );
  out(`dev token        pnpm exec spendwise-local token alice`);
  out(`function logs    ${endpoints.logs}`);
  out(`e-mail outbox    ${endpoints.outbox}`);
  out(`DynamoDB data    ${config.inMemory ? 'in memory' : `${config.dataDir}/dynamodb`}`);
  out(`endpoints file   ${cloud.endpointsPath}`);
  printUnsupported(cloud.unsupported);
  out();
  out(`${READY_LINE} (${(elapsedMs / 1000).toFixed(1)}s). Ctrl-C stops it.`);
}

/** Lists, by name, what the templates ask for that runs differently or not at all locally. */
function printUnsupported(items: Unsupported[]): void {
  if (items.length === 0) return;
  out();
  out(`not honoured locally (${items.length}):`);
  for (const item of items) {
    const what = item.property === '*' ? item.type : `${item.type}.${item.property}`;
    out(`  ${item.stack}/${item.logicalId}  ${what}: ${item.reason}`);
  }
}
