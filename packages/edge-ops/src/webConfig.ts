import { WEB_APP_SCOPES, type WebRuntimeConfig } from '@spendwise/client/webConfig';

/** The web app's runtime configuration, `/config.json` (the shared contract in docs/edge.md). */
export type WebConfig = WebRuntimeConfig;

/** Every scope the app asks for at sign-in. */
export const WEB_SCOPES = WEB_APP_SCOPES;

/**
 * config.json from the stacks' outputs. The hosted UI's domain follows the platform's naming convention
 * (UserPoolDomain `spendwise-<stage>-<account>`), whose /logout takes client_id and logout_uri.
 */
export function webConfig(input: {
  stage: string;
  issuer: string;
  clientId: string;
  accountId: string;
  region: string;
}): WebConfig {
  const hostedUi = `https://spendwise-${input.stage}-${input.accountId}.auth.${input.region}.amazoncognito.com`;
  return {
    stage: input.stage,
    apiBase: '/api',
    auth: {
      issuer: input.issuer,
      clientId: input.clientId,
      scopes: WEB_SCOPES,
      redirectPath: '/callback',
      logoutUrl: `${hostedUi}/logout`,
    },
  };
}
