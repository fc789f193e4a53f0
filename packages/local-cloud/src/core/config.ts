/** Where and as whom the local cloud runs. One account, one region, one stage per run. */
export interface LocalCloudConfig {
  /** Repository root (holds serverless-compose.yml). */
  rootDir: string;
  /** Git-ignored folder for state: DynamoDB data, logs, the e-mail outbox, extracted bundles. */
  dataDir: string;
  region: string;
  accountId: string;
  stage: string;
  /** Port of the one AWS-compatible endpoint (default 4566). */
  awsPort: number;
  /** Host every server binds to: loopback (127.0.0.1) unless configured otherwise. */
  host: string;
  /**
   * Browser origins (`http://localhost:5173`) of local web apps allowed to call the AWS endpoint and the control
   * API. Every other browser request is refused. Default: none. The service HTTP APIs keep their own CORS.
   */
  allowedOrigins: string[];
  /**
   * Host header values the AWS endpoint accepts besides 127.0.0.1, localhost and [::1] with its port (`name` or
   * `name:port`). Default: none.
   */
  allowedHosts: string[];
  /** Keep DynamoDB Local in memory instead of under dataDir. */
  inMemory: boolean;
}

export const LOCAL_ACCOUNT_ID = '000000000000';

export const defaultConfig = (
  rootDir: string,
  overrides: Partial<LocalCloudConfig> = {},
): LocalCloudConfig => ({
  rootDir,
  dataDir: `${rootDir}/.local-cloud`,
  region: 'eu-west-1',
  accountId: LOCAL_ACCOUNT_ID,
  // The same stage `pnpm package` uses by default, so both share the packaging cache.
  stage: 'dev',
  awsPort: 4566,
  host: '127.0.0.1',
  allowedOrigins: [],
  allowedHosts: [],
  inMemory: false,
  ...overrides,
});
