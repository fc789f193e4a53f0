import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair as generateKeyPairCb,
  type KeyObject,
} from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { calculateJwkThumbprint, type JWK } from 'jose';

const generateKeyPair = promisify(generateKeyPairCb);

/** One user pool's RS256 signing key: the private key signs tokens, the public JWK goes into the JWKS. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  /** Public JWK as Cognito publishes it: `{ alg: 'RS256', e, kid, kty: 'RSA', n, use: 'sig' }`. */
  publicJwk: JWK;
}

/**
 * Loads the pool's key from `<dataDir>/auth/<poolId>.key.json`, generating and persisting it the first time, so
 * tokens minted before a restart still verify after it.
 */
export async function loadOrCreateSigningKey(dataDir: string, poolId: string): Promise<SigningKey> {
  const file = join(dataDir, 'auth', `${poolId}.key.json`);
  const stored = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as JWK,
    () => undefined,
  );
  if (stored) return fromPrivateJwk(stored);
  const { privateKey } = await generateKeyPair('rsa', { modulusLength: 2048 });
  const privateJwk = privateKey.export({ format: 'jwk' }) as JWK;
  await mkdir(join(dataDir, 'auth'), { recursive: true });
  await writeFile(file, `${JSON.stringify(privateJwk)}\n`, { mode: 0o600 });
  return fromPrivateJwk(privateJwk);
}

async function fromPrivateJwk(privateJwk: JWK): Promise<SigningKey> {
  const privateKey = createPrivateKey({ key: privateJwk as never, format: 'jwk' });
  const { n, e } = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint({ kty: 'RSA', n: n!, e: e! });
  return { kid, privateKey, publicJwk: { alg: 'RS256', e: e!, kid, kty: 'RSA', n: n!, use: 'sig' } };
}
