/** The copy of a user's own category insights keeps, for display names (defaults are named by code). */
export interface CategoryCopy {
  userId: string;
  categoryId: string;
  name: string;
  archived: boolean;
  version: number;
}

/** A category change applies only over an older copy. */
export const categorySupersedes = (incoming: CategoryCopy, stored: CategoryCopy | undefined): boolean =>
  stored === undefined || incoming.version > stored.version;
