import { describe, expect, it } from '@jest/globals';
import { buildEvent, isTextBody, queryParameters, requestTime } from './event';
import type { ApiRequest } from './request';
import { headersOf } from './request';
import type { RouteMatch } from './routeMatcher';

const match: RouteMatch = {
  route: {
    id: 'r1',
    logicalId: 'R',
    routeKey: 'GET /expenses/{id}',
    authorizationType: 'JWT',
    authorizationScopes: [],
  },
  pathParameters: { id: 'e-1' },
};

const request = (overrides: Partial<ApiRequest> = {}): ApiRequest => ({
  method: 'GET',
  rawPath: '/expenses/e-1',
  rawQueryString: 'a=1&a=2&b=x%20y',
  headers: headersOf([
    'Host',
    '127.0.0.1:3001',
    'X-Multi',
    'one',
    'x-multi',
    'two',
    'Cookie',
    'c1=v1; c2=v2',
  ]),
  body: Buffer.alloc(0),
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
  receivedAt: new Date(Date.UTC(2020, 2, 12, 19, 3, 58, 390)),
  ...overrides,
});

const context = {
  accountId: '000000000000',
  apiId: 'abcdefghij',
  region: 'eu-west-1',
  requestId: 'Mc7UVioPPHcEKPA=',
};

describe('buildEvent', () => {
  it('builds the payload format 2.0 event of a request', () => {
    const jwt = { claims: { sub: 'u-1' }, scopes: ['spendwise/expenses.read'] };

    const event = buildEvent(request(), match, { ...context, jwt });

    expect(event).toEqual({
      version: '2.0',
      routeKey: 'GET /expenses/{id}',
      rawPath: '/expenses/e-1',
      rawQueryString: 'a=1&a=2&b=x%20y',
      cookies: ['c1=v1', 'c2=v2'],
      headers: { host: '127.0.0.1:3001', 'x-multi': 'one,two' },
      queryStringParameters: { a: '1,2', b: 'x y' },
      requestContext: {
        accountId: '000000000000',
        apiId: 'abcdefghij',
        authorizer: { jwt },
        domainName: '127.0.0.1',
        domainPrefix: 'abcdefghij',
        http: {
          method: 'GET',
          path: '/expenses/e-1',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: '',
        },
        requestId: 'Mc7UVioPPHcEKPA=',
        routeKey: 'GET /expenses/{id}',
        stage: '$default',
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: 1584039838390,
      },
      pathParameters: { id: 'e-1' },
      isBase64Encoded: false,
    });
  });

  it('passes a JSON body as text', () => {
    const headers = { 'content-type': 'application/json; charset=utf-8' };

    const event = buildEvent(request({ headers, body: Buffer.from('{"a":1}') }), match, context);

    expect(event).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
  });

  it('passes a binary body base64-encoded', () => {
    const body = Buffer.from([0xff, 0x00, 0x10]);

    const event = buildEvent(request({ headers: { 'content-type': 'image/png' }, body }), match, context);

    expect(event).toMatchObject({ body: '/wAQ', isBase64Encoded: true });
  });

  it('leaves out the optional fields of a bare request', () => {
    const bare = request({ rawQueryString: '', headers: {} });

    const event = buildEvent(bare, { ...match, pathParameters: {} }, context);

    expect(Object.keys(event).sort()).toEqual(
      [
        'headers',
        'isBase64Encoded',
        'rawPath',
        'rawQueryString',
        'requestContext',
        'routeKey',
        'version',
      ].sort(),
    );
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });
});

describe('isTextBody', () => {
  it.each([
    ['text/plain', true],
    ['application/json', true],
    ['application/problem+json', true],
    ['application/xml', true],
    ['application/octet-stream', false],
    ['application/x-www-form-urlencoded', false],
    [undefined, false],
  ])('treats %s as text: %s', (contentType, expected) => {
    expect(isTextBody(contentType)).toBe(expected);
  });
});

describe('the small formats', () => {
  it('formats requestContext.time like API Gateway', () => {
    expect(requestTime(new Date(Date.UTC(2024, 0, 5, 4, 3, 2)))).toBe('05/Jan/2024:04:03:02 +0000');
  });

  it('keeps query parameters whose names are Object.prototype members as plain parameters', () => {
    const parameters = queryParameters('__proto__=x&constructor=y&toString=z&__proto__=w');

    expect(JSON.parse(JSON.stringify(parameters))).toEqual(
      JSON.parse('{"__proto__":"x,w","constructor":"y","toString":"z"}'),
    );
    expect(Object.keys(parameters ?? {})).toEqual(['__proto__', 'constructor', 'toString']);
  });

  it('has no query parameters for an empty query string', () => {
    expect(queryParameters('')).toBeUndefined();
  });
});
