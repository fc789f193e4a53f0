import { SubscriptionSyncError } from '../../domain/errors';
import { type EmailSubscription, type Preferences, planSubscription } from '../../domain/preferences';
import type { SubscriptionManager } from '../../ports';

/**
 * Brings the user's e-mail subscription in line with the desired preferences and returns what SNS now holds.
 * Every step is safe to repeat (Subscribe returns the existing subscription for the same address and policy;
 * removing a removed one is not an error), so after any failure the same request converges. Partial progress is
 * not recorded: the old subscription stays recorded until every step succeeded, so it can never be forgotten.
 */
export async function reconcileSubscription(
  manager: SubscriptionManager,
  desired: Pick<Preferences, 'userId' | 'email' | 'types'>,
  recorded: EmailSubscription | null,
): Promise<EmailSubscription | null> {
  let current = recorded;
  try {
    for (const step of planSubscription(desired, recorded)) {
      if (step.action === 'subscribe') {
        const arn = await manager.subscribe(desired.userId, step.email, step.types);
        current = { arn, email: step.email, types: step.types };
      } else if (step.action === 'setFilter') {
        await manager.setFilter(step.arn, desired.userId, step.types);
        current = current && { ...current, types: step.types };
      } else {
        await manager.unsubscribe(step.arn);
        if (current?.arn === step.arn) current = null;
      }
    }
  } catch (error) {
    throw new SubscriptionSyncError(error);
  }
  return current;
}
