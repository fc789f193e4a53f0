/** A CORS rule of a bucket, as `CorsConfiguration.CorsRules` gives it. */
export interface CorsRule {
  allowedOrigins: string[];
  allowedMethods: string[];
  allowedHeaders: string[];
  exposedHeaders: string[];
  maxAge?: number;
}

/** What the local cloud keeps of a bucket's configuration. */
export interface BucketConfig {
  name: string;
  /** `Enabled`, `Suspended`, or absent (never versioned). */
  versioning?: 'Enabled' | 'Suspended';
  cors: CorsRule[];
  /** `NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled`. */
  eventBridge: boolean;
  /** Days after which a noncurrent version is removed (lifecycle `NoncurrentVersionExpiration`). */
  noncurrentDays?: number;
  createdAt: string;
}

/** One version of an object (or a delete marker), newest first in its key's list. */
export interface ObjectVersion {
  key: string;
  /** `null` in a bucket that was never versioned (S3's literal version id). */
  versionId: string;
  deleteMarker: boolean;
  lastModified: string;
  size: number;
  /** MD5 hex, without quotes. */
  etag: string;
  contentType: string;
  metadata: Record<string, string>;
  /** Name of the file holding the bytes under `blobs/` (none for delete markers). */
  blob?: string;
}

/** The versions of one key, as stored in `keys/<sha256(key)>.json`. */
export interface KeyRecord {
  key: string;
  versions: ObjectVersion[];
}

/** Who asked, for the event detail (`requester`, `source-ip-address`, `request-id`). */
export interface RequestInfo {
  requestId: string;
  /** Absent for S3's own actions (lifecycle), whose requester is `s3.amazonaws.com`. */
  sourceIp?: string;
  /** `PutObject`, `POST Object`, `CopyObject`, `DeleteObject`, `Lifecycle Expiration`. */
  reason: string;
}
