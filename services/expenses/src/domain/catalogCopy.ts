import {
  CategoryArchivedVersions,
  CategoryCreatedVersions,
  CategoryUpdatedVersions,
  MerchantRuleSetVersions,
  type SubscribedEvent,
  subscribe,
} from '@spendwise/contracts';

/**
 * The expenses service's own copy of what it needs from the catalog, fed by the catalog's events: per user, the
 * own categories (active or archived) and the merchant rules. Each entry keeps the catalog's version of it, so
 * a change is applied only when it is newer than what the copy holds.
 */

/** The catalog events the copy is built from, with their validators. */
export const CATALOG_COPY_EVENTS = subscribe(
  CategoryCreatedVersions,
  CategoryUpdatedVersions,
  CategoryArchivedVersions,
  MerchantRuleSetVersions,
);

export type CatalogCopyEvent = SubscribedEvent<typeof CATALOG_COPY_EVENTS>;

/** One of a user's own categories, as far as expenses needs to know it. */
export interface OwnCategoryCopy {
  userId: string;
  categoryId: string;
  archived: boolean;
  version: number;
}

/** A user's rule for a (normalised) merchant; `categoryId` is null once the rule was removed. */
export interface MerchantRuleCopy {
  userId: string;
  merchant: string;
  categoryId: string | null;
  version: number;
}

/** What one catalog event changes in the copy. */
export type CatalogCopyChange =
  | { kind: 'category'; category: OwnCategoryCopy }
  | { kind: 'merchantRule'; rule: MerchantRuleCopy };

/** The copy entry a catalog event carries: every one of them holds a full snapshot at its version. */
export function catalogCopyChangeOf(event: CatalogCopyEvent): CatalogCopyChange {
  const { userId } = event.detail.metadata;
  if (event.detailType === 'MerchantRuleSet') {
    const { merchant, categoryId, version } = event.detail.data.rule;
    return { kind: 'merchantRule', rule: { userId, merchant, categoryId, version } };
  }
  const snapshot =
    event.detailType === 'CategoryUpdated' ? event.detail.data.current : event.detail.data.category;
  const { categoryId, archived, version } = snapshot;
  return { kind: 'category', category: { userId, categoryId, archived, version } };
}
