import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeEndpoints } from '../../src/cli/endpointsFile';
import { endpointsAt } from './endpointsFixture';

const run = promisify(execFile);
const bin = new URL('../../bin/local-cloud.mjs', import.meta.url).pathname;
let root: string;
let server: Server;

beforeAll(async () => {
  // A stand-in for a running local cloud: the control route the token command calls.
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: `eyJ.${JSON.parse(body).user}.sig` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  root = await mkdtemp(join(tmpdir(), 'spendwise-cli-'));
  await writeFile(join(root, 'serverless-compose.yml'), 'services: {}\n');
  await writeEndpoints(join(root, '.local-cloud'), endpointsAt(`http://127.0.0.1:${address.port}`));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('spendwise-local token', () => {
  it('prints only the token on stdout, so $(...) captures exactly it', async () => {
    const { stdout } = await run(process.execPath, [bin, 'token', 'alice'], { cwd: root });

    expect(stdout).toBe('eyJ.alice.sig\n');
  }, 30_000);

  it('says no local cloud is running when there is no endpoints file', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'spendwise-cli-empty-'));
    await writeFile(join(empty, 'serverless-compose.yml'), 'services: {}\n');

    const failure = run(process.execPath, [bin, 'token', 'alice'], { cwd: empty });

    await expect(failure).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('pnpm start') });
  }, 30_000);
});
