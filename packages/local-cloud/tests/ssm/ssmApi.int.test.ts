import {
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  ParameterAlreadyExists,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ParameterStoreEngine, SsmApi } from '../../src/ssm';
import {
  localClientConfig,
  startThrowawayGateway,
  type ThrowawayGateway,
} from '../stepfunctions/throwawayGateway';

const store = new ParameterStoreEngine({ region: 'eu-west-1', accountId: '000000000000' });
let gateway: ThrowawayGateway;
let ssm: SSMClient;

beforeAll(async () => {
  gateway = await startThrowawayGateway([new SsmApi(store)]);
  ssm = new SSMClient(localClientConfig(gateway.endpoint));
});

afterAll(async () => {
  ssm.destroy();
  await gateway.close();
});

describe('Parameter Store through @aws-sdk/client-ssm', () => {
  it('puts a parameter and reads it back', async () => {
    const put = await ssm.send(
      new PutParameterCommand({ Name: '/spendwise/local/budget', Value: '250', Type: 'String' }),
    );

    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/spendwise/local/budget' }));

    expect(put.Version).toBe(1);
    expect(Parameter).toMatchObject({
      Name: '/spendwise/local/budget',
      Value: '250',
      Type: 'String',
      Version: 1,
    });
    expect(Parameter!.LastModifiedDate).toBeInstanceOf(Date);
    expect(Parameter!.ARN).toBe('arn:aws:ssm:eu-west-1:000000000000:parameter/spendwise/local/budget');
  });

  it('answers ParameterAlreadyExists and ParameterNotFound as the SDK expects', async () => {
    await ssm.send(new PutParameterCommand({ Name: 'dup', Value: '1', Type: 'String' }));

    const again = ssm.send(new PutParameterCommand({ Name: 'dup', Value: '2', Type: 'String' }));
    const missing = ssm.send(new GetParameterCommand({ Name: '/nope' }));

    await expect(again).rejects.toBeInstanceOf(ParameterAlreadyExists);
    await expect(missing).rejects.toBeInstanceOf(ParameterNotFound);
  });

  it('gets several parameters and names the missing ones', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/multi/a', Value: 'A', Type: 'String' }));

    const result = await ssm.send(new GetParametersCommand({ Names: ['/multi/a', '/multi/missing'] }));

    expect(result.Parameters!.map((parameter) => parameter.Value)).toEqual(['A']);
    expect(result.InvalidParameters).toEqual(['/multi/missing']);
  });

  it('pages GetParametersByPath', async () => {
    for (let i = 0; i < 12; i++) {
      await ssm.send(
        new PutParameterCommand({
          Name: `/paged/p${String(i).padStart(2, '0')}`,
          Value: `${i}`,
          Type: 'String',
        }),
      );
    }

    const first = await ssm.send(new GetParametersByPathCommand({ Path: '/paged', MaxResults: 10 }));
    const second = await ssm.send(
      new GetParametersByPathCommand({ Path: '/paged', NextToken: first.NextToken }),
    );

    expect(first.Parameters).toHaveLength(10);
    expect(second.Parameters!.map((parameter) => parameter.Name)).toEqual(['/paged/p10', '/paged/p11']);
    expect(second.NextToken).toBeUndefined();
  });

  it('returns SecureString values only with decryption', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/secret', Value: 's3cr3t', Type: 'SecureString' }));

    const hidden = await ssm.send(new GetParameterCommand({ Name: '/secret' }));
    const shown = await ssm.send(new GetParameterCommand({ Name: '/secret', WithDecryption: true }));

    expect(hidden.Parameter!.Value).not.toBe('s3cr3t');
    expect(shown.Parameter!.Value).toBe('s3cr3t');
  });
});
