import { WEB_APP_SCOPES, type WebRuntimeConfig } from '@spendwise/client/webConfig';
import type { AuthEngine } from '../auth';

/** `/config.json` of the web app (the shared contract): where the APIs are and how to sign in. */
export type RuntimeConfig = WebRuntimeConfig;

/** The scopes the app asks for when its client declares none (the platform app client's). */
export const APP_SCOPES = WEB_APP_SCOPES;

/**
 * The runtime configuration the deploy command writes to the bucket on AWS, built from the local deployment:
 * the app client named by the platform's `/spendwise/<stage>/auth/app-client-id` parameter (else the first
 * client allowed `openid`), the issuer of its pool as the local AWS endpoint serves it
 * (`<endpoint>/<poolId>`, discovery under `/.well-known/openid-configuration`) and its `/logout`.
 * Undefined when the templates create no user pool client.
 */
export function runtimeConfig(options: {
  auth: Pick<AuthEngine, 'issuers' | 'clientScopes'>;
  awsEndpoint: string;
  /** The stage the templates were deployed as (the deploy command writes the AWS stage the same way). */
  stage: string;
  appClientId?: string;
}): RuntimeConfig | undefined {
  const issuers = options.auth.issuers();
  const pool =
    issuers.find((issuer) => options.appClientId && issuer.clientIds.includes(options.appClientId)) ??
    issuers.find((issuer) =>
      issuer.clientIds.some((id) => options.auth.clientScopes(id).includes('openid')),
    ) ??
    issuers.find((issuer) => issuer.clientIds.length > 0);
  if (!pool) return undefined;
  const clientId =
    (options.appClientId && pool.clientIds.includes(options.appClientId) ? options.appClientId : undefined) ??
    pool.clientIds.find((id) => options.auth.clientScopes(id).includes('openid')) ??
    pool.clientIds[0]!;
  const scopes = options.auth.clientScopes(clientId);
  const issuer = `${options.awsEndpoint.replace(/\/$/, '')}/${pool.poolId}`;
  return {
    stage: options.stage,
    apiBase: '/api',
    auth: {
      issuer,
      clientId,
      scopes: scopes.length > 0 ? scopes : APP_SCOPES,
      redirectPath: '/callback',
      logoutUrl: `${issuer}/logout`,
    },
  };
}
