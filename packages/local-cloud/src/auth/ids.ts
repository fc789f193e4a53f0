import { createHash } from 'node:crypto';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const LOWER_ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A deterministic id of `length` characters from `alphabet`, so ids (and the tokens bound to them) survive restarts. */
export function stableId(seed: string, length: number, alphabet = ALNUM): string {
  const digest = createHash('sha256').update(seed).digest();
  let id = '';
  for (let i = 0; i < length; i++) id += alphabet[digest[i % digest.length]! % alphabet.length];
  return id;
}

/** A user pool id shaped like Cognito's (`<region>_<9 alphanumerics>`), e.g. `eu-west-1_localA1b2`. */
export const userPoolIdOf = (region: string, stack: string, logicalId: string) =>
  `${region}_local${stableId(`pool:${stack}/${logicalId}`, 4)}`;

/** An app client id shaped like Cognito's (26 lower-case alphanumerics). */
export const clientIdOf = (poolId: string, logicalId: string) =>
  stableId(`client:${poolId}/${logicalId}`, 26, LOWER_ALNUM);

/** A stable UUID-shaped `sub` for a user name, as Cognito gives every user one immutable `sub`. */
export function subOf(poolId: string, username: string): string {
  const hex = createHash('sha256').update(`sub:${poolId}/${username}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
