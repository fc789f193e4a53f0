import type { LocalFile, RemoteObject, Upload } from './webPlan';

/** A deployed stack's outputs and the account it is in. */
export interface StackOutputs {
  outputs: Record<string, string>;
  accountId: string;
}

/** CloudFormation, read only. */
export interface Stacks {
  /** @throws when the stack does not exist */
  outputs(stackName: string, region: string): Promise<StackOutputs>;
}

/** The web app bucket. */
export interface WebBucket {
  list(bucket: string): Promise<RemoteObject[]>;
  put(bucket: string, upload: Upload): Promise<void>;
  delete(bucket: string, keys: string[]): Promise<void>;
}

/** The distribution. */
export interface Cdn {
  /** Returns the invalidation's id. */
  invalidate(distributionId: string, paths: string[]): Promise<string>;
}

/** The web app's build. */
export interface WebBuild {
  build(): Promise<void>;
  /** Every file of the build folder, keyed by its path relative to it (forward slashes). */
  read(): Promise<LocalFile[]>;
}
