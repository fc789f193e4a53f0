import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { ResolvedResource } from '../../core/resources';
import type { LambdaEngine } from '../LambdaEngine';
import { deployFixtures } from '../testing/deployFixtures';

const engines: LambdaEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});
async function deployed(...args: Parameters<typeof deployFixtures>) {
  const deployment = await deployFixtures(...args);
  engines.push(deployment.engine);
  return deployment;
}

const resource = (
  type: string,
  logicalId: string,
  properties: Record<string, unknown>,
): ResolvedResource => ({
  stack: 'fixture',
  stackDir: '/tmp',
  logicalId,
  type,
  properties,
});

describe('Lambda resource providers', () => {
  it('extracts the bundle under dataDir and answers Ref with the name and GetAtt Arn', async () => {
    const { engine, providers, resources, cloud } = await deployed([
      { name: 'hello', source: 'export const handler = async () => "hi";' },
    ]);
    const provider = providers.find((p) => p.types.includes('AWS::Lambda::Function'))!;

    const created = await provider.create(resources[0]!, cloud);

    expect(created).toEqual({
      ref: 'hello',
      attributes: { Arn: 'arn:aws:lambda:eu-west-1:000000000000:function:hello' },
    });
    expect(existsSync(`${cloud.config.dataDir}/functions/fixture/hello/src/handler.mjs`)).toBe(true);
    await expect(engine.invoke('hello', {})).resolves.toMatchObject({ ok: true, result: 'hi' });
  });

  it('reports the properties it cannot honour by name', async () => {
    const { recorded } = await deployed([
      {
        name: 'layered',
        source: 'export const handler = async () => 1;',
        properties: {
          Layers: ['arn:aws:lambda:eu-west-1:1:layer:x:1'],
          Environment: { Variables: { AWS_REGION: 'x' } },
        },
      },
    ]);

    const reported = recorded.unsupported.map((u) => `${u.logicalId}.${u.property}`);
    expect(reported).toEqual(
      expect.arrayContaining([
        'LayeredLambdaFunction.Layers',
        'LayeredLambdaFunction.Environment.Variables.AWS_REGION',
      ]),
    );
    expect(
      recorded.unsupported.every((u) => u.type === 'AWS::Lambda::Function' && u.stack === 'fixture'),
    ).toBe(true);
  });

  it('accepts Permissions, reporting them once per stack', async () => {
    const { providers, recorded, cloud } = await deployed([]);
    const permission = providers.find((p) => p.types.includes('AWS::Lambda::Permission'))!;

    await permission.create(resource('AWS::Lambda::Permission', 'APermission', { FunctionName: 'a' }), cloud);
    await permission.create(resource('AWS::Lambda::Permission', 'BPermission', { FunctionName: 'b' }), cloud);

    expect(recorded.unsupported.filter((u) => u.type === 'AWS::Lambda::Permission')).toHaveLength(1);
  });

  it('accepts log groups, keeping their retention without reporting them', async () => {
    const { engine, providers, recorded, cloud } = await deployed([]);
    const logGroups = providers.find((p) => p.types.includes('AWS::Logs::LogGroup'))!;

    const created = await logGroups.create(
      resource('AWS::Logs::LogGroup', 'HelloLogGroup', {
        LogGroupName: '/aws/lambda/hello',
        RetentionInDays: 30,
      }),
      cloud,
    );

    expect(created).toEqual({
      ref: '/aws/lambda/hello',
      attributes: { Arn: 'arn:aws:logs:eu-west-1:000000000000:log-group:/aws/lambda/hello:*' },
    });
    expect(engine.logRetention.get('/aws/lambda/hello')).toBe(30);
    expect(recorded.unsupported).toHaveLength(0);
  });

  it('reports a destination it cannot deliver to', async () => {
    const { providers, recorded, cloud } = await deployed([]);
    const config = providers.find((p) => p.types.includes('AWS::Lambda::EventInvokeConfig'))!;

    await config.create(
      resource('AWS::Lambda::EventInvokeConfig', 'Config', {
        FunctionName: 'x',
        Qualifier: '$LATEST',
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::failures' } },
      }),
      cloud,
    );

    expect(recorded.unsupported).toEqual([
      expect.objectContaining({ logicalId: 'Config', property: 'DestinationConfig.OnFailure' }),
    ]);
  });
});
