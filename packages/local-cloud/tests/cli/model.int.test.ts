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
const asked: string[] = [];
const kept = [
  {
    sequence: 6,
    modelId: 'amazon.nova-micro-v1:0',
    messages: [{ role: 'user', text: 'a' }],
    fault: 'throttle',
  },
  { sequence: 7, modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'user', text: 'a' }] },
];

beforeAll(async () => {
  // A stand-in for a running local cloud: the control route the model requests command calls.
  server = createServer((req, res) => {
    asked.push(`${req.method} ${req.url}`);
    const limit = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('limit') ?? kept.length);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ requests: kept.slice(-limit) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  root = await mkdtemp(join(tmpdir(), 'spendwise-cli-model-'));
  await writeFile(join(root, 'serverless-compose.yml'), 'services: {}\n');
  await writeEndpoints(join(root, '.local-cloud'), endpointsAt(`http://127.0.0.1:${address.port}`));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('spendwise-local model requests', () => {
  it("prints the model's last requests as JSON, the newest --limit of them", async () => {
    const all = await run(process.execPath, [bin, 'model', 'requests'], { cwd: root });
    const newest = await run(process.execPath, [bin, 'model', 'requests', '--limit', '1'], { cwd: root });

    expect(JSON.parse(all.stdout)).toEqual(kept);
    expect(JSON.parse(newest.stdout)).toEqual([kept[1]]);
    expect(asked).toEqual(['GET /_local/model/requests', 'GET /_local/model/requests?limit=1']);
  }, 30_000);

  it('names both model commands when the subcommand is unknown', async () => {
    const failure = run(process.execPath, [bin, 'model', 'talk'], { cwd: root });

    await expect(failure).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('model requests [--limit n]'),
    });
  }, 30_000);
});
