import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { portInUseMessage } from '../../src/cli/busyPort';
import { writeEndpoints } from '../../src/cli/endpointsFile';
import { endpointsAt } from './endpointsFixture';

const run = promisify(execFile);
const bin = new URL('../../bin/local-cloud.mjs', import.meta.url).pathname;
let held: Server;
let port: number;

/** A folder the CLI takes for a repository root (it holds serverless-compose.yml). */
async function scratchRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'spendwise-start-'));
  await writeFile(join(root, 'serverless-compose.yml'), 'services: {}\n');
  return root;
}

/** Runs `spendwise-local start --port <port>` in `root`; resolves with its exit code and stderr. */
async function start(root: string): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, [bin, 'start', '--port', String(port)], { cwd: root });
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  // Something else holds the port, as another local cloud or program would.
  held = createServer();
  await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
  port = (held.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((resolve) => held.close(() => resolve())));

describe('spendwise-local start on a taken port', () => {
  it('says in one line which port is taken and what to do, before starting anything', async () => {
    const { code, stderr } = await start(await scratchRoot());

    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      `spendwise-local: port ${port} (the AWS endpoint) on 127.0.0.1 is in use: stop what listens there or start with --port <free port>`,
    ]);
  });

  it('names the other Spendwise local cloud when that is what holds it', async () => {
    const root = await scratchRoot();
    await writeEndpoints(join(root, '.local-cloud'), endpointsAt(`http://127.0.0.1:${port}`, process.pid));

    const { code, stderr } = await start(root);

    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `spendwise-local: port ${port} (the AWS endpoint) on 127.0.0.1 is in use by another Spendwise local cloud (pid ${process.pid}): stop it (Ctrl-C in its terminal) or start with --port <free port>`,
    );
  });
});

describe('portInUseMessage', () => {
  it('points a taken service API port at --api-port', async () => {
    const message = portInUseMessage(
      { port: 4601, address: '127.0.0.1' },
      { awsPort: 4566, dataDir: join(await scratchRoot(), '.local-cloud') },
    );

    expect(message).toBe(
      'port 4601 (a service API; they take 4600 and up) on 127.0.0.1 is in use: stop what listens there or start with --api-port <free port>',
    );
  });

  it('points a taken web port at --web-port', async () => {
    const message = portInUseMessage(
      { port: 3000, address: '127.0.0.1' },
      { awsPort: 4566, webPort: 3000, dataDir: join(await scratchRoot(), '.local-cloud') },
    );

    expect(message).toBe(
      'port 3000 (the local edge (web app and APIs)) on 127.0.0.1 is in use: stop what listens there or start with --web-port <free port>',
    );
  });
});
