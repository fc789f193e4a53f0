import { describe, expect, it } from '@jest/globals';
import { eventRegistry, type Subscription } from '../../packages/contracts/src/index';
import { CATALOG_EVENTS } from '../../services/catalog/src/publishedEvents';
import { EXPENSES_EVENTS } from '../../services/expenses/src/publishedEvents';
import { INSIGHTS_EVENTS } from '../../services/insights/src/publishedEvents';
import { NOTIFICATIONS_EVENTS } from '../../services/notifications/src/publishedEvents';

// Each outbox relay validates (and bundles the validators of) its service's events only: a service that starts
// publishing a new event must add it there, or its relay refuses the event as not accepted.
describe.each([
  ['expenses', EXPENSES_EVENTS],
  ['catalog', CATALOG_EVENTS],
  ['insights', INSIGHTS_EVENTS],
  ['notifications', NOTIFICATIONS_EVENTS],
] as Array<[string, Subscription]>)('the %s relay', (service, events) => {
  it('accepts exactly the events of the catalogue whose source is the service', () => {
    const owned = Object.values(eventRegistry)
      .filter((entry) => entry.source === `spendwise.${service}`)
      .map((entry) => entry.detailType);

    expect([...events.events.keys()].sort()).toEqual(owned.sort());
  });
});
