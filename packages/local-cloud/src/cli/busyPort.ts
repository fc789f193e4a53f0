import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { endpointsPath } from './endpointsFile';

/** A listen() that failed because the port is taken (Node's EADDRINUSE error). */
export function isPortInUse(
  error: unknown,
): error is NodeJS.ErrnoException & { port: number; address: string } {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

/** The pid of another local cloud that published its endpoints under `dataDir` and still runs, if any. */
function runningLocalCloud(dataDir: string): number | undefined {
  try {
    const { pid } = JSON.parse(readFileSync(endpointsPath(dataDir), 'utf8')) as { pid?: number };
    if (!pid || pid === process.pid) return undefined;
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/**
 * One line saying which port is taken, by what when it is another local cloud, and what to do.
 *
 * @example "port 4566 (the AWS endpoint) on 127.0.0.1 is in use: stop what listens there or start with --port <free port>"
 */
export function portInUseMessage(
  error: { port: number; address: string },
  start: { awsPort: number; dataDir: string; webPort?: number },
): string {
  const aws = error.port === start.awsPort;
  const web = !aws && error.port === start.webPort;
  const what = aws
    ? 'the AWS endpoint'
    : web
      ? 'the local edge (web app and APIs)'
      : 'a service API; they take 4600 and up';
  const option = aws ? '--port' : web ? '--web-port' : '--api-port';
  const other = runningLocalCloud(start.dataDir);
  const by = other
    ? ` by another Spendwise local cloud (pid ${other}): stop it (Ctrl-C in its terminal)`
    : ': stop what listens there';
  return `port ${error.port} (${what}) on ${error.address} is in use${by} or start with ${option} <free port>`;
}

/**
 * Fails fast, before packaging and DynamoDB Local, when the AWS endpoint's port is taken (the service APIs' ports
 * are known only once deployed; their listen errors get the same one line).
 */
export async function ensurePortFree(
  host: string,
  port: number,
  dataDir: string,
  start: { awsPort: number; webPort?: number } = { awsPort: port },
): Promise<void> {
  if (port === 0) return;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => server.close(() => resolve()));
  }).catch((error: unknown) => {
    if (!isPortInUse(error)) throw error;
    throw new Error(portInUseMessage(error, { ...start, dataDir }));
  });
}
