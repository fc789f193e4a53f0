export { S3Api } from './api';
export { S3Engine } from './engine';
export type { BucketConfig, CorsRule, ObjectVersion } from './model';
export { S3BucketProvider } from './provider';
export { localSecretFor } from './sigv4';
