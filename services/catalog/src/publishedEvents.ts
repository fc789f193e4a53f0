import {
  BudgetRemovedVersions,
  BudgetSetVersions,
  CategoryArchivedVersions,
  CategoryCreatedVersions,
  CategoryUpdatedVersions,
  MerchantRuleSetVersions,
  subscribe,
} from '@spendwise/contracts';

/**
 * The events the catalog service publishes, each in every schema version: what its outbox relay may put on the
 * bus, and the only validators the relay's bundle carries.
 */
export const CATALOG_EVENTS = subscribe(
  CategoryCreatedVersions,
  CategoryUpdatedVersions,
  CategoryArchivedVersions,
  MerchantRuleSetVersions,
  BudgetSetVersions,
  BudgetRemovedVersions,
);
