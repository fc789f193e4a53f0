import { describe, expect, it } from '@jest/globals';
import {
  type CfEvent,
  CloudFrontFunction,
  cfToCookieHeader,
  cfToQuery,
  cookiesToCf,
  FunctionFailedError,
  queryToCf,
  toCfMap,
} from './cloudFrontFunction';

const fn = (code: string, log: string[] = []) =>
  new CloudFrontFunction(
    { stack: 'edge', logicalId: 'Fn', name: 'fn', arn: 'arn', runtime: 'cloudfront-js-2.0', code },
    (line) => log.push(line),
  );

const event = (uri: string, rawQuery = '', headers: [string, string][] = []): CfEvent => ({
  version: '1.0',
  context: {
    distributionDomainName: 'd1.cloudfront.net',
    distributionId: 'E1',
    eventType: 'viewer-request',
    requestId: 'r',
  },
  viewer: { ip: '127.0.0.1' },
  request: {
    method: 'GET',
    uri,
    querystring: queryToCf(rawQuery),
    headers: toCfMap(headers),
    cookies: cookiesToCf('sid=abc; Theme=dark'),
  },
});

describe('a CloudFront Function in its vm context', () => {
  it('sees the cloudfront-js-2.0 shapes: uri, querystring with multiValue, headers, cookies', async () => {
    const code = `function handler(event) {
      var r = event.request;
      r.uri = r.uri.replace(/^\\/api/, '');
      r.headers['x-seen'] = { value: r.querystring.tag.multiValue.map(function (v) { return v.value; }).join('+') + ' ' + r.cookies.Theme.value + ' ' + r.headers.accept.value };
      r.querystring.added = { value: 'a%20b' };
      return r;
    }`;

    const result = (await fn(code).run(
      event('/api/expenses', 'tag=a&tag=b&q=x%2Fy', [['accept', 'application/json']]),
    )) as CfEvent['request'];

    expect(result.uri).toBe('/expenses');
    expect(result.headers['x-seen']).toEqual({ value: 'a+b dark application/json' });
    expect(cfToQuery(result.querystring)).toBe('tag=a&tag=b&q=x%2Fy&added=a%20b');
    expect(cfToCookieHeader(result.cookies)).toBe('sid=abc; Theme=dark');
  });

  it('may answer the viewer itself (async handler), log, and use require("crypto")', async () => {
    const log: string[] = [];
    const code = `var crypto = require('crypto');
    async function handler(event) {
      console.log('redirecting', event.request.uri);
      return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/x#' + crypto.createHash('md5').update('a').digest('hex').slice(0, 4) } } };
    }`;

    const result = await fn(code, log).run(event('/old'));

    expect(result).toEqual({
      statusCode: 302,
      statusDescription: 'Found',
      headers: { location: { value: '/x#0cc1' } },
    });
    expect(log).toEqual(['fn: redirecting /old']);
  });

  it('fails with 503 when the function throws, and has no access to the host (process)', async () => {
    await expect(fn('function handler(e) { throw new Error("bad") }').run(event('/'))).rejects.toMatchObject({
      status: 503,
    });
    await expect(fn('function handler(e) { null.x }').run(event('/'))).rejects.toBeInstanceOf(
      FunctionFailedError,
    );
    await expect(fn('function handler(e) { return process.env }').run(event('/'))).rejects.toMatchObject({
      message: expect.stringContaining('process is not defined'),
    });
  });

  it('refuses code without a handler, or whose top level never ends, at load time', () => {
    expect(() => fn('var x = 1;')).toThrow('defines no function handler(event)');
    expect(() => fn('while (true) {}')).toThrow('Script execution timed out');
  });
});
