import { readEndpoints } from './endpointsFile';

/** Calls the control API (`/_local/...`) of the local cloud running from `dataDir`. */
export async function control<T>(dataDir: string, method: string, path: string, body?: unknown): Promise<T> {
  const { awsEndpoint } = await readEndpoints(dataDir);
  // The control API takes JSON only: every POST carries a JSON body.
  const payload = body ?? (method === 'GET' ? undefined : {});
  let response: Response;
  try {
    response = await fetch(`${awsEndpoint}/_local/${path}`, {
      method,
      headers: payload === undefined ? {} : { 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
  } catch {
    throw new Error(`The local cloud at ${awsEndpoint} does not answer. Is \`pnpm start\` still running?`);
  }
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new Error(parsed?.message ?? `${method} ${path} failed with ${response.status}`);
  return parsed as T;
}

/** Reads a server-sent event stream from the control API, calling `onData` with each event's JSON. */
export async function follow(dataDir: string, path: string, onData: (data: unknown) => void): Promise<void> {
  const { awsEndpoint } = await readEndpoints(dataDir);
  const response = await fetch(`${awsEndpoint}/_local/${path}`, { headers: { accept: 'text/event-stream' } });
  if (!response.ok || !response.body) throw new Error(`Cannot follow ${path}: ${response.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      if (data) onData(JSON.parse(data));
      end = buffer.indexOf('\n\n');
    }
  }
}
