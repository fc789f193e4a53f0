/** The web app's runtime configuration, `/config.json` (the shared contract in docs/edge.md). */
export interface WebConfig {
  stage: string;
  apiBase: '/api';
  auth: {
    issuer: string;
    clientId: string;
    scopes: string[];
    redirectPath: '/callback';
    logoutUrl: string;
  };
}

/** Every scope the app asks for at sign-in. */
export const WEB_SCOPES = [
  'openid',
  'email',
  'spendwise/expenses.read',
  'spendwise/expenses.write',
  'spendwise/catalog.read',
  'spendwise/catalog.write',
  'spendwise/insights.read',
  'spendwise/insights.write',
  'spendwise/notifications.read',
  'spendwise/notifications.write',
];

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
