import { describe, expect, it } from '@jest/globals';
import type { AwsRequest } from '../core/protocol';
import { snapshotRoutes } from './routes';
import type { LocalSnapshots } from './snapshots';

const calls: unknown[][] = [];
const snapshots = {
  list: async () => [{ name: 'a' }],
  create: async (name?: string) => {
    calls.push(['create', name]);
    return { name: name ?? 'generated' };
  },
  describe: async (name: string) => ({ name }),
  restore: async (name: string, options: unknown) => {
    calls.push(['restore', name, options]);
    return { snapshot: name };
  },
} as unknown as LocalSnapshots;

const request = (
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): AwsRequest => ({
  service: '',
  protocol: 'rest',
  action: '',
  method,
  path,
  query: new URLSearchParams(),
  headers: method === 'POST' ? { 'content-type': contentType } : {},
  body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
  http2: false,
});

const call = async (req: AwsRequest) => {
  const route = snapshotRoutes(snapshots).find(
    (r) =>
      r.method === req.method &&
      (r.path.endsWith('*') ? req.path.startsWith(r.path.slice(0, -1)) : r.path === req.path),
  );
  try {
    const answer = await route?.handle(req);
    return { status: answer?.status, body: JSON.parse(String(answer?.body)) };
  } catch (error) {
    return { status: (error as { status: number }).status, code: (error as { code: string }).code };
  }
};

describe('the snapshots control API', () => {
  it('lists, creates (201) and restores with the options given', async () => {
    calls.length = 0;
    expect(await call(request('GET', '/_local/snapshots'))).toEqual({
      status: 200,
      body: { snapshots: [{ name: 'a' }] },
    });
    expect((await call(request('POST', '/_local/snapshots', { name: 'b' }))).status).toBe(201);
    expect(
      (await call(request('POST', '/_local/snapshots/b/restore', { suffix: 's', tables: ['t'] }))).status,
    ).toBe(200);
    expect(calls).toEqual([
      ['create', 'b'],
      ['restore', 'b', { suffix: 's', tables: ['t'] }],
    ]);
  });

  it.each([
    ['an unknown field', request('POST', '/_local/snapshots', { nmae: 'b' }), 400, 'InvalidRequest'],
    ['a name that is not a string', request('POST', '/_local/snapshots', { name: 3 }), 400, 'InvalidRequest'],
    [
      'tables that are not names',
      request('POST', '/_local/snapshots/b/restore', { tables: [''] }),
      400,
      'InvalidRequest',
    ],
    [
      'a form post',
      request('POST', '/_local/snapshots', undefined, 'text/plain'),
      415,
      'UnsupportedMediaType',
    ],
    ['another action', request('POST', '/_local/snapshots/b/delete', {}), 404, 'NotFound'],
  ])('refuses %s', async (_what, req, status, code) => {
    expect(await call(req)).toEqual({ status, code });
  });
});
