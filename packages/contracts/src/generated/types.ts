// Generated from events/**/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.

/**
 * The detail of any event version in the catalogue.
 */
export type AnyEventDetail =
  | BudgetRemovedV1
  | BudgetSetV1
  | BudgetThresholdReachedV1
  | CategoryArchivedV1
  | CategoryCreatedV1
  | CategoryUpdatedV1
  | ExpenseDeletedV1
  | ExpenseRecordedV1
  | ExpenseUpdatedV1
  | InsightReportFailedV1
  | InsightReportReadyV1
  | MerchantRuleSetV1
  | NotificationDeliveredV1
  | ReceiptAttachedV1
  | ReceiptRejectedV1
  | ReceiptRemovedV1
  | SpendingAnomalyDetectedV1;
/**
 * Slug of a category: lowercase letters, digits and dashes, 1 to 64 characters
 */
export type CategoryId = string;
/**
 * Active ISO 4217 alphabetic code (List One published 2024-06-25, plus XCG in circulation since 2025-03-31). Adding a code is compatible; removing one needs a new version.
 */
export type CurrencyCode =
  | 'AED'
  | 'AFN'
  | 'ALL'
  | 'AMD'
  | 'ANG'
  | 'AOA'
  | 'ARS'
  | 'AUD'
  | 'AWG'
  | 'AZN'
  | 'BAM'
  | 'BBD'
  | 'BDT'
  | 'BGN'
  | 'BHD'
  | 'BIF'
  | 'BMD'
  | 'BND'
  | 'BOB'
  | 'BOV'
  | 'BRL'
  | 'BSD'
  | 'BTN'
  | 'BWP'
  | 'BYN'
  | 'BZD'
  | 'CAD'
  | 'CDF'
  | 'CHE'
  | 'CHF'
  | 'CHW'
  | 'CLF'
  | 'CLP'
  | 'CNY'
  | 'COP'
  | 'COU'
  | 'CRC'
  | 'CUC'
  | 'CUP'
  | 'CVE'
  | 'CZK'
  | 'DJF'
  | 'DKK'
  | 'DOP'
  | 'DZD'
  | 'EGP'
  | 'ERN'
  | 'ETB'
  | 'EUR'
  | 'FJD'
  | 'FKP'
  | 'GBP'
  | 'GEL'
  | 'GHS'
  | 'GIP'
  | 'GMD'
  | 'GNF'
  | 'GTQ'
  | 'GYD'
  | 'HKD'
  | 'HNL'
  | 'HTG'
  | 'HUF'
  | 'IDR'
  | 'ILS'
  | 'INR'
  | 'IQD'
  | 'IRR'
  | 'ISK'
  | 'JMD'
  | 'JOD'
  | 'JPY'
  | 'KES'
  | 'KGS'
  | 'KHR'
  | 'KMF'
  | 'KPW'
  | 'KRW'
  | 'KWD'
  | 'KYD'
  | 'KZT'
  | 'LAK'
  | 'LBP'
  | 'LKR'
  | 'LRD'
  | 'LSL'
  | 'LYD'
  | 'MAD'
  | 'MDL'
  | 'MGA'
  | 'MKD'
  | 'MMK'
  | 'MNT'
  | 'MOP'
  | 'MRU'
  | 'MUR'
  | 'MVR'
  | 'MWK'
  | 'MXN'
  | 'MXV'
  | 'MYR'
  | 'MZN'
  | 'NAD'
  | 'NGN'
  | 'NIO'
  | 'NOK'
  | 'NPR'
  | 'NZD'
  | 'OMR'
  | 'PAB'
  | 'PEN'
  | 'PGK'
  | 'PHP'
  | 'PKR'
  | 'PLN'
  | 'PYG'
  | 'QAR'
  | 'RON'
  | 'RSD'
  | 'RUB'
  | 'RWF'
  | 'SAR'
  | 'SBD'
  | 'SCR'
  | 'SDG'
  | 'SEK'
  | 'SGD'
  | 'SHP'
  | 'SLE'
  | 'SOS'
  | 'SRD'
  | 'SSP'
  | 'STN'
  | 'SVC'
  | 'SYP'
  | 'SZL'
  | 'THB'
  | 'TJS'
  | 'TMT'
  | 'TND'
  | 'TOP'
  | 'TRY'
  | 'TTD'
  | 'TWD'
  | 'TZS'
  | 'UAH'
  | 'UGX'
  | 'USD'
  | 'USN'
  | 'UYI'
  | 'UYU'
  | 'UYW'
  | 'UZS'
  | 'VED'
  | 'VES'
  | 'VND'
  | 'VUV'
  | 'WST'
  | 'XAF'
  | 'XAG'
  | 'XAU'
  | 'XBA'
  | 'XBB'
  | 'XBC'
  | 'XBD'
  | 'XCD'
  | 'XCG'
  | 'XDR'
  | 'XOF'
  | 'XPD'
  | 'XPF'
  | 'XPT'
  | 'XSU'
  | 'XTS'
  | 'XUA'
  | 'XXX'
  | 'YER'
  | 'ZAR'
  | 'ZMW'
  | 'ZWG';
/**
 * Percentages of the amount at which spending is announced, ascending
 *
 * @minItems 1
 * @maxItems 10
 */
export type BudgetThresholds = number[];
/**
 * A calendar month, YYYY-MM
 */
export type Month = string;
/**
 * Display name of a category, as the user typed it (trimmed)
 */
export type CategoryName = string;
/**
 * Id of an expense
 */
export type ExpenseId = string;
/**
 * Where the money was spent, as the user typed it
 */
export type Merchant = string;
/**
 * Free text from the user
 */
export type Note = string;
/**
 * A label: starts with a letter or digit, then letters, digits, spaces, underscores or dashes; 1 to 32 characters
 */
export type Tag = string;
/**
 * Up to 10 distinct labels
 *
 * @maxItems 10
 */
export type Tags = Tag[];
/**
 * Id of one uploaded receipt file (the last segment of its object key)
 */
export type ReceiptId = string;
/**
 * Media types a receipt may have; the file's first bytes must match it
 */
export type ReceiptContentType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'application/pdf';
/**
 * A field of an expense that a user can change
 */
export type ExpenseField = 'amount' | 'date' | 'categoryId' | 'merchant' | 'note' | 'tags';
/**
 * Id of an insight report
 */
export type ReportId = string;
/**
 * The kinds of alerts a user can receive
 */
export type AlertType =
  'BudgetThresholdReached' | 'SpendingAnomalyDetected' | 'InsightReportReady' | 'InsightReportFailed';
/**
 * How urgent an alert is
 */
export type Severity = 'info' | 'warning' | 'critical';
/**
 * Object key of a receipt in the receipts bucket: receipts/<user>/<expense>/<receipt>
 */
export type ReceiptKey = string;
/**
 * TOO_LARGE: over 10 MiB; EMPTY: no bytes; TYPE_MISMATCH: the first bytes are not of the declared type; UNKNOWN_EXPENSE: the expense does not exist (deleted, or never the uploader's); STALE_UPLOAD: a newer upload was requested for the expense
 */
export type ReceiptRejectionReason =
  'TOO_LARGE' | 'EMPTY' | 'TYPE_MISMATCH' | 'UNKNOWN_EXPENSE' | 'STALE_UPLOAD';
/**
 * Size of the file in bytes (an attached receipt has 1 to 10485760)
 */
export type ReceiptSize = number;

/**
 * The detail of BudgetRemoved v1: a user removed the monthly budget of a category.
 */
export interface BudgetRemovedV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: BudgetRemovedV1Data;
}
/**
 * Envelope metadata carried by every Spendwise event in detail.metadata. eventId stays the same across publish retries, so consumers de-duplicate on it.
 */
export interface EventMetadata {
  /**
   * Unique id of this event, stable across retries
   */
  eventId: string;
  /**
   * Version of the detail schema (the N of <EventName>.v<N>)
   */
  eventVersion: number;
  /**
   * When the state change happened (RFC 3339); also the EventBridge entry time
   */
  occurredAt: string;
  /**
   * Id shared by everything caused by one original request
   */
  correlationId: string;
  /**
   * Id of the request or event that directly caused this event
   */
  causationId: string;
  /**
   * Owner of the data the event is about (the token subject)
   */
  userId: string;
}
export interface BudgetRemovedV1Data {
  categoryId: CategoryId;
  /**
   * The version of the removal
   */
  version: number;
  budget: BudgetSnapshot;
}
/**
 * The full state of a monthly budget of one category at one version
 */
export interface BudgetSnapshot {
  categoryId: CategoryId;
  amount: Money;
  thresholds: BudgetThresholds;
  /**
   * Grows by one with every set or removal, also across removal and setting again
   */
  version: number;
  createdAt: string;
  updatedAt: string;
}
/**
 * An amount as a whole number of the currency minor unit (cents for EUR, yen for JPY) and its ISO 4217 code. Never a float, so sums never drift.
 */
export interface Money {
  /**
   * Amount in minor units of the currency, at least 1
   */
  minorUnits: number;
  currency: CurrencyCode;
}
/**
 * The detail of BudgetSet v1: a user set (created or replaced) the monthly budget of a category.
 */
export interface BudgetSetV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: BudgetSetV1Data;
}
export interface BudgetSetV1Data {
  budget: BudgetSnapshot;
}
/**
 * The detail of BudgetThresholdReached v1: spending in a category reached a threshold of its monthly budget. Published once per user, category, month and threshold.
 */
export interface BudgetThresholdReachedV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: BudgetThresholdReachedV1Data;
}
export interface BudgetThresholdReachedV1Data {
  categoryId: CategoryId;
  month: Month;
  /**
   * The percentage of the budget that was reached
   */
  threshold: number;
  /**
   * The monthly budget amount
   */
  budget: Money;
  /**
   * What was spent in the category that month when the threshold was reached (same currency as the budget)
   */
  spent: Money;
  /**
   * Version of the budget the check used
   */
  budgetVersion: number;
}
/**
 * The detail of CategoryArchived v1: a user archived one of their categories. Categories are never deleted.
 */
export interface CategoryArchivedV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: CategoryArchivedV1Data;
}
export interface CategoryArchivedV1Data {
  categoryId: CategoryId;
  /**
   * The version that archived it
   */
  version: number;
  category: CategorySnapshot;
}
/**
 * The full state of one of a user's own categories at one version
 */
export interface CategorySnapshot {
  categoryId: CategoryId;
  name: CategoryName;
  /**
   * Archived categories stay known but take no new budgets or rules
   */
  archived: boolean;
  /**
   * Starts at 1 and grows by one with every change
   */
  version: number;
  createdAt: string;
  updatedAt: string;
}
/**
 * The detail of CategoryCreated v1: a user created a category of their own (default categories are fixed and never announced).
 */
export interface CategoryCreatedV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: CategoryCreatedV1Data;
}
export interface CategoryCreatedV1Data {
  category: CategorySnapshot;
}
/**
 * The detail of CategoryUpdated v1: a user renamed one of their categories.
 */
export interface CategoryUpdatedV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: CategoryUpdatedV1Data;
}
export interface CategoryUpdatedV1Data {
  categoryId: CategoryId;
  /**
   * The new version
   */
  version: number;
  /**
   * Fields whose value changed
   *
   * @minItems 1
   */
  changedFields: 'name'[];
  previous: CategorySnapshot;
  current: CategorySnapshot;
}
/**
 * The detail of ExpenseDeleted v1: a user deleted an expense. Carries its last state, so read models can subtract it.
 */
export interface ExpenseDeletedV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: ExpenseDeletedV1Data;
}
export interface ExpenseDeletedV1Data {
  expenseId: ExpenseId;
  /**
   * The version that was deleted
   */
  version: number;
  expense: ExpenseSnapshot;
}
/**
 * The full state of an expense at one version
 */
export interface ExpenseSnapshot {
  expenseId: ExpenseId;
  amount: Money;
  /**
   * Day the money was spent (YYYY-MM-DD)
   */
  date: string;
  categoryId: CategoryId;
  merchant?: Merchant;
  note?: Note;
  tags: Tags;
  receipt?: Receipt;
  /**
   * Starts at 1 and grows by one with every change
   */
  version: number;
  createdAt: string;
  updatedAt: string;
}
/**
 * The checked receipt file attached to an expense
 */
export interface Receipt {
  receiptId: ReceiptId;
  contentType: ReceiptContentType;
  /**
   * Size in bytes, at most 10 MiB
   */
  size: number;
  /**
   * When the checked file was attached
   */
  attachedAt: string;
}
/**
 * The detail of ExpenseRecorded v1: a user recorded a new expense.
 */
export interface ExpenseRecordedV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: ExpenseRecordedV1Data;
}
export interface ExpenseRecordedV1Data {
  expense: ExpenseSnapshot;
}
/**
 * The detail of ExpenseUpdated v1: a user changed an expense. Carries the state before and after, so read models can apply deltas (old amount, category and date out, new ones in).
 */
export interface ExpenseUpdatedV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: ExpenseUpdatedV1Data;
}
export interface ExpenseUpdatedV1Data {
  expenseId: ExpenseId;
  /**
   * The expense's version after this change
   */
  version: number;
  /**
   * Fields whose value differs between previous and current
   *
   * @minItems 1
   */
  changedFields: ExpenseField[];
  previous: ExpenseSnapshot;
  current: ExpenseSnapshot;
}
/**
 * The detail of InsightReportFailed v1: a monthly insight report could not be produced at all (not even by the fallback).
 */
export interface InsightReportFailedV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: InsightReportFailedV1Data;
}
export interface InsightReportFailedV1Data {
  reportId: ReportId;
  month: Month;
  /**
   * Stable, machine-readable cause
   */
  reason: string;
  /**
   * Human-readable detail for operators
   */
  message?: string;
}
/**
 * The detail of InsightReportReady v1: a monthly insight report was written and can be read at GET /insights/reports/{reportId}.
 */
export interface InsightReportReadyV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: InsightReportReadyV1Data;
}
export interface InsightReportReadyV1Data {
  reportId: ReportId;
  month: Month;
  /**
   * Whether the model wrote the report or the deterministic fallback did
   */
  source: 'model' | 'fallback';
  /**
   * Why the fallback wrote it; absent when the model did
   */
  fallbackReason?: 'not-enough-data' | 'model-unavailable' | 'invalid-answer';
  /**
   * The report's summary paragraph
   */
  summary: string;
}
/**
 * The detail of MerchantRuleSet v1: a user set or removed the rule filing a merchant's expenses under a category. A removed rule has categoryId null.
 */
export interface MerchantRuleSetV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: MerchantRuleSetV1Data;
}
export interface MerchantRuleSetV1Data {
  rule: MerchantRuleSnapshot;
}
/**
 * The full state of a merchant rule at one version
 */
export interface MerchantRuleSnapshot {
  /**
   * Derived from the normalised merchant: the same merchant always has the same id
   */
  ruleId: string;
  /**
   * Normalised merchant: trimmed, lower-cased, inner whitespace collapsed to one space
   */
  merchant: string;
  /**
   * Category the merchant's expenses go to; null when the rule was removed
   */
  categoryId: CategoryId | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}
/**
 * The detail of NotificationDelivered v1: an alert was written to the user's inbox and handed to the user-alerts topic.
 */
export interface NotificationDeliveredV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: NotificationDeliveredV1Data;
}
export interface NotificationDeliveredV1Data {
  /**
   * Id of the inbox item
   */
  notificationId: string;
  type: AlertType;
  severity: Severity;
  /**
   * Where the alert went
   *
   * @minItems 1
   */
  channels: ('inbox' | 'sns')[];
}
/**
 * The detail of ReceiptAttached v1: an uploaded receipt passed the checks (size, first bytes match its type) and is now the expense's receipt. When it replaced one, `replaced` names the previous file, which the expenses service then deletes.
 */
export interface ReceiptAttachedV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: ReceiptAttachedV1Data;
}
export interface ReceiptAttachedV1Data {
  expenseId: ExpenseId;
  /**
   * The expense's version with this receipt
   */
  version: number;
  receiptId: ReceiptId;
  contentType: ReceiptContentType;
  /**
   * Size in bytes
   */
  size: number;
  key: ReceiptKey;
  attachedAt: string;
  replaced?: ReplacedReceipt;
}
/**
 * The receipt this one replaced, whose file is deleted
 */
export interface ReplacedReceipt {
  receiptId: ReceiptId;
  key: ReceiptKey;
}
/**
 * The detail of ReceiptRejected v1: an uploaded file was not attached and has been deleted. `reason` says why, for the person (the web app shows it) and for operations.
 */
export interface ReceiptRejectedV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: ReceiptRejectedV1Data;
}
export interface ReceiptRejectedV1Data {
  /**
   * The expense the key names (it may not exist)
   */
  expenseId: string;
  /**
   * The receipt id the key names
   */
  receiptId: string;
  key: ReceiptKey;
  reason: ReceiptRejectionReason;
  size: ReceiptSize;
  /**
   * The type the upload was requested with, when known
   */
  declaredContentType?: string;
  /**
   * The type the first bytes show, when recognised
   */
  detectedContentType?: string;
}
/**
 * The detail of ReceiptRemoved v1: the owner removed an expense's receipt (DELETE /expenses/{id}/receipt); the expenses service then deletes the file.
 */
export interface ReceiptRemovedV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: ReceiptRemovedV1Data;
}
export interface ReceiptRemovedV1Data {
  expenseId: ExpenseId;
  /**
   * The expense's version without the receipt
   */
  version: number;
  receiptId: ReceiptId;
  key: ReceiptKey;
}
/**
 * The detail of SpendingAnomalyDetected v1: an expense is far above what the user usually spends in its category.
 */
export interface SpendingAnomalyDetectedV1 {
  metadata: EventMetadata & {
    eventVersion: 1;
  };
  data: SpendingAnomalyDetectedV1Data;
}
export interface SpendingAnomalyDetectedV1Data {
  expenseId: ExpenseId;
  categoryId: CategoryId;
  /**
   * Day of the expense
   */
  date: string;
  /**
   * The unusual expense's amount
   */
  amount: Money;
  /**
   * Mean amount of the user's earlier expenses in the category and currency
   */
  typicalAmount: Money;
  /**
   * How many standard deviations above the mean the amount is
   */
  score: number;
  /**
   * How many earlier expenses the statistics are built on
   */
  historySize: number;
}
