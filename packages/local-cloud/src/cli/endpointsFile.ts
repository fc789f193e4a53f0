import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** What a running local cloud publishes for scripts: `.local-cloud/endpoints.json` (git-ignored). */
export interface EndpointsFile {
  awsEndpoint: string;
  /** The local edge (the first CloudFront distribution of the templates), when there is one. */
  web?: string;
  region: string;
  stage: string;
  accountId: string;
  apis: Record<string, string>;
  issuers: { issuer: string; poolId: string; clientIds: string[] }[];
  outbox: string;
  logs: string;
  startedAt: string;
  pid: number;
}

export const endpointsPath = (dataDir: string) => join(dataDir, 'endpoints.json');

export async function writeEndpoints(dataDir: string, endpoints: EndpointsFile): Promise<string> {
  const path = endpointsPath(dataDir);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(endpoints, null, 2)}\n`);
  return path;
}

/** Reads the endpoints of the running local cloud, with a clear error when none is running. */
export async function readEndpoints(dataDir: string): Promise<EndpointsFile> {
  try {
    return JSON.parse(await readFile(endpointsPath(dataDir), 'utf8')) as EndpointsFile;
  } catch {
    throw new Error(
      `No local cloud is running here (no ${endpointsPath(dataDir)}). Start it with: pnpm start`,
    );
  }
}
