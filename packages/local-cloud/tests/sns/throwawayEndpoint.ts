import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsApiError } from '../../src/core/errors';
import type { AwsApi, AwsRequest } from '../../src/core/protocol';

const xmlEscape = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );

/**
 * A stand-in for the shared endpoint, for tests only: decodes the query form, calls the API and writes its
 * answer, or the query ErrorResponse for an AwsApiError, as the gateway does.
 */
export async function startThrowawayEndpoint(api: AwsApi): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const form = new URLSearchParams(body.toString('utf8'));
      const request: AwsRequest = {
        service: 'sns',
        protocol: 'query',
        action: form.get('Action') ?? '',
        method: req.method ?? 'POST',
        path: '/',
        query: new URLSearchParams(),
        headers: req.headers as Record<string, string>,
        body,
        form,
        http2: false,
      };
      try {
        const answer = await api.handle(request);
        res
          .writeHead(answer.status, { 'content-type': 'text/xml', ...answer.headers })
          .end(answer.body as string);
      } catch (error) {
        const failure =
          error instanceof AwsApiError ? error : new AwsApiError(500, 'InternalFailure', String(error));
        const xml = `<ErrorResponse><Error><Type>Sender</Type><Code>${failure.code}</Code><Message>${xmlEscape(failure.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
        res.writeHead(failure.status, { 'content-type': 'text/xml' }).end(xml);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
