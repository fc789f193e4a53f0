import {
  BudgetThresholdReachedVersions,
  InsightReportFailedVersions,
  InsightReportReadyVersions,
  SpendingAnomalyDetectedVersions,
  subscribe,
} from '@spendwise/contracts';

/**
 * The events the insights service publishes, each in every schema version: what its outbox relay may put on the
 * bus, and the only validators the relay's bundle carries.
 */
export const INSIGHTS_EVENTS = subscribe(
  BudgetThresholdReachedVersions,
  SpendingAnomalyDetectedVersions,
  InsightReportReadyVersions,
  InsightReportFailedVersions,
);
