import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type DynamoDbLocalProcess, dynamoDbCall, startDynamoDbLocal } from '../../src/dynamodb';

/** Local addresses of every socket listening on `port`, from the kernel's tables (Linux). */
async function listeningAddresses(port: number): Promise<string[]> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const addresses: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = (await readFile(table, 'utf8')).split('\n').slice(1);
    for (const line of lines) {
      const [, local, , state] = line.trim().split(/\s+/);
      // State 0A is LISTEN.
      if (local?.endsWith(`:${hexPort}`) && state === '0A') addresses.push(local.split(':')[0]!);
    }
  }
  return addresses;
}

/** 127.0.0.1 as the kernel writes it: IPv4 little-endian, or IPv4-mapped in an IPv6 table. */
const LOOPBACK = new Set([
  '0100007F',
  '0000000000000000FFFF00000100007F',
  '00000000000000000000000001000000',
]);

const refused = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(true);
    });
  });

let db: DynamoDbLocalProcess;

beforeAll(async () => {
  db = await startDynamoDbLocal();
}, 60_000);
afterAll(() => db?.stop());

describe('DynamoDB Local as the local cloud and the tests start it', () => {
  it('answers on loopback', async () => {
    await expect(dynamoDbCall(db.endpoint)('ListTables', {})).resolves.toMatchObject({ TableNames: [] });
    expect(db.endpoint).toBe(`http://127.0.0.1:${db.port}`);
  });

  it('listens on loopback only, not on every interface (*:<port>)', async () => {
    const addresses = await listeningAddresses(db.port);

    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((address) => !LOOPBACK.has(address))).toEqual([]);
  });

  it('refuses connections to the machine’s other addresses', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry && !entry.internal && entry.family === 'IPv4')
      .map((entry) => entry!.address);

    for (const address of others) expect(await refused(address, db.port)).toBe(true);
  });
});
