import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { AuthEngine } from '../../src/auth';
import type { ResourceProvider } from '../../src/core/resources';
import { deployStacks, loadComposeStacks } from '../../src/deploy';
import { HttpApiEngine } from '../../src/httpApi';
import { send } from './http';
import { freshCloud } from './support';

const { cloud, recorded, answers } = freshCloud();
const auth = new AuthEngine(cloud);
const http = new HttpApiEngine(cloud, { keys: auth });
let url: string;

/** Stand-ins for the engines other folders own: functions get their ARN, SSM parameters land in ctx.ssm. */
const stubs: ResourceProvider[] = [
  {
    types: ['AWS::Lambda::Function'],
    create: async ({ properties }) => {
      const name = String(properties.FunctionName);
      return { ref: name, attributes: { Arn: `arn:aws:lambda:eu-west-1:000000000000:function:${name}` } };
    },
  },
  {
    types: ['AWS::SSM::Parameter'],
    create: async ({ properties }, ctx) => {
      ctx.ssm.put(String(properties.Name), String(properties.Value));
      return { ref: String(properties.Name), attributes: { Value: properties.Value, Type: properties.Type } };
    },
  },
];

beforeAll(async () => {
  const stacks = await loadComposeStacks(process.cwd(), 'dev', 'eu-west-1', {
    services: ['platform', 'expenses'],
  });
  await deployStacks(stacks, [...auth.providers(), ...http.providers(), ...stubs], cloud);
  url = (await http.start())[0]!.url;
  answers.invoke = async () => ({
    ok: true,
    result: { statusCode: 200, body: '[]' },
    durationMs: 1,
    coldStart: false,
  });
}, 180_000);

afterAll(() => http.stop());

const reportsOf = (prefix: string) =>
  recorded.unsupported
    .filter(({ type }) => type.startsWith(prefix))
    .map((item) => `${item.logicalId}: ${item.property}`);

describe('the packaged platform and expenses templates on the local issuer and HTTP API', () => {
  it('publish the issuer exactly as Cognito would, so the expenses authorizer trusts the local pool', () => {
    const [issuer] = auth.issuers();

    expect(cloud.ssm.get('/spendwise/dev/auth/issuer')).toBe(
      `https://cognito-idp.eu-west-1.amazonaws.com/${issuer!.poolId}`,
    );
    expect(cloud.ssm.get('/spendwise/dev/auth/app-client-id')).toBe(issuer!.clientIds[0]);
  });

  it('serve the expenses API and report nothing of it as unsupported', () => {
    expect(http.apis()).toEqual([
      expect.objectContaining({ stack: 'expenses', name: 'spendwise-expenses-dev' }),
    ]);
    expect(reportsOf('AWS::ApiGatewayV2::')).toEqual([]);
  });

  it('report by name what the local issuer does not emulate', () => {
    expect(reportsOf('AWS::Cognito::')).toEqual([
      expect.stringMatching(/^UserPool: .*MfaConfiguration/),
      'UserPoolDomain: *',
      expect.stringMatching(/^AppClient: .*ExplicitAuthFlows/),
    ]);
  });

  it('let a minted token through GET /expenses to the ListExpenses function with the claims', async () => {
    const token = await auth.mintToken({ user: 'alice', scopes: ['spendwise/expenses.read'] });

    const response = await send(`${url}/expenses?limit=5`, { headers: { authorization: `Bearer ${token}` } });

    expect(response.status).toBe(200);
    const { functionRef, payload } = recorded.invocations.at(-1)!;
    const event = payload as APIGatewayProxyEventV2WithJWTAuthorizer;
    expect(functionRef).toMatch(/:function:spendwise-expenses-dev-listExpenses$/);
    expect(event.requestContext.authorizer.jwt.claims.username).toBe('alice');
    expect(event.queryStringParameters).toEqual({ limit: '5' });
  });

  it('refuse a read-only token on POST /expenses with 403', async () => {
    const token = await auth.mintToken({ user: 'alice', scopes: ['spendwise/expenses.read'] });

    const response = await send(`${url}/expenses`, { method: 'POST', headers: { authorization: token } });

    expect([response.status, response.json()]).toEqual([403, { message: 'Forbidden' }]);
  });
});
