import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import { initCode } from './initCode';
import {
  eventOf,
  type FakeAws,
  functionsOf,
  rootDir,
  serviceBuildOptions,
  startFakeAws,
} from './lambdaHarness';

const SERVICES_WITH_FUNCTIONS = readdirSync(join(rootDir, 'services')).filter((service) =>
  readdirSync(join(rootDir, 'services', service)).includes('src'),
);

describe('serviceBuildOptions', () => {
  it.each(SERVICES_WITH_FUNCTIONS)(
    'turns the custom.esbuild of services/%s into esbuild options',
    (service) => {
      const options = serviceBuildOptions(service);

      expect(options).toMatchObject({
        absWorkingDir: join(rootDir, 'services', service),
        bundle: true,
        format: 'esm',
        platform: 'node',
        outExtension: { '.js': '.mjs' },
      });
      expect(options).not.toHaveProperty('exclude');
      expect(options).not.toHaveProperty('outputFileExtension');
      expect(options.plugins?.map((plugin) => plugin.name)).toEqual([
        'spendwise-trim-aws-sdk',
        'spendwise-builtins-through-require',
        'spendwise-lazy-chunks-beside-the-entry',
      ]);
    },
  );
});

/** Runs a handler module in a fresh Node process with `env` and prints its answer as JSON. */
function invoke(modulePath: string, event: unknown, env: Record<string, string>): Promise<unknown> {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(modulePath).href)});
process.stdout.write(JSON.stringify(await m.handler(${JSON.stringify(event)}, {}) ?? null));`;
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exited with ${code}: ${err}`)),
    );
  });
}

describe('the cold-start floor (bench/coldStartFloor.ts), bundled as the functions are', () => {
  let dir: string;
  let fake: FakeAws;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spendwise-floor-'));
    fake = await startFakeAws();
    await build({
      ...serviceBuildOptions(),
      entryPoints: [join(rootDir, 'bench', 'coldStartFloor.ts')],
      outdir: dir,
    });
  }, 60_000);
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the DynamoDB client at init and none of what the functions add: Powertools, X-Ray, validators', () => {
    const { files } = initCode(join(dir, 'coldStartFloor.mjs'), dir);
    const code = files.map((file) => readFileSync(join(dir, file), 'utf8')).join('\n');

    expect(code).toContain('DynamoDB_20120810');
    expect(code).not.toContain('POWERTOOLS_');
    expect(code).not.toContain('AWS_XRAY_DAEMON_ADDRESS');
    expect(code).not.toContain('instancePath');
  });

  it('makes exactly one AWS call, a GetItem, and answers 404 for an item that is not there', async () => {
    const before = fake.calls();

    const answer = await invoke(
      join(dir, 'coldStartFloor.mjs'),
      { pathParameters: { id: 'missing' } },
      {
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_ENDPOINT_URL: fake.url,
        TABLE_NAME: 'floor',
      },
    );

    expect(answer).toMatchObject({ statusCode: 404, body: JSON.stringify({ code: 'NOT_FOUND' }) });
    expect(fake.calls() - before).toBe(1);
  }, 30_000);
});

describe('eventOf a custom resource', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spendwise-custom-resource-'));
    await mkdir(join(dir, '.serverless'));
    await writeFile(
      join(dir, '.serverless', 'cloudformation-template-update-stack.json'),
      JSON.stringify({
        Resources: {
          ReadParametersLambdaFunction: {
            Type: 'AWS::Lambda::Function',
            Properties: { Code: { S3Key: 'x/readParameters.zip' }, Handler: 'handler.handler' },
          },
          ApiDomains: {
            Type: 'Custom::CrossRegionParameters',
            Properties: {
              ServiceToken: { 'Fn::GetAtt': ['ReadParametersLambdaFunction', 'Arn'] },
              Region: 'eu-west-1',
              Parameters: { expenses: '/spendwise/dev/apis/expenses/domain' },
            },
          },
        },
      }),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("is CloudFormation's Create request with the resource's properties and a ResponseURL on the endpoint", async () => {
    const [f] = await functionsOf('edge', dir);

    const event = eventOf(f!, 'http://127.0.0.1:4567') as Record<string, unknown>;

    expect(f!.trigger.kind).toBe('customResource');
    expect(event).toMatchObject({
      RequestType: 'Create',
      LogicalResourceId: 'ApiDomains',
      ResourceType: 'Custom::CrossRegionParameters',
      ResourceProperties: {
        Region: 'eu-west-1',
        Parameters: { expenses: '/spendwise/dev/apis/expenses/domain' },
      },
    });
    expect(String(event.ResponseURL)).toMatch(/^http:\/\/127\.0\.0\.1:4567\/cloudformation-response\//);
  });
});
