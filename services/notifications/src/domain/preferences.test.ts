import { describe, expect, it } from '@jest/globals';
import { defaultPreferences, filterPolicyOf, planSubscription, wantsWebhook } from './preferences';

const recorded = { arn: 'arn:sub:1', email: 'a@example.com', types: ['BudgetThresholdReached' as const] };

describe('planSubscription', () => {
  it('subscribes a new address', () => {
    expect(planSubscription({ email: 'A@Example.com', types: ['BudgetThresholdReached'] }, null)).toEqual([
      { action: 'subscribe', email: 'a@example.com', types: ['BudgetThresholdReached'] },
    ]);
  });

  it('does nothing when SNS already holds the desired subscription (types in any order)', () => {
    expect(planSubscription({ email: 'a@example.com', types: ['BudgetThresholdReached'] }, recorded)).toEqual(
      [],
    );
  });

  it('changes only the filter when the types change', () => {
    expect(
      planSubscription(
        { email: 'a@example.com', types: ['InsightReportReady', 'BudgetThresholdReached'] },
        recorded,
      ),
    ).toEqual([
      { action: 'setFilter', arn: 'arn:sub:1', types: ['BudgetThresholdReached', 'InsightReportReady'] },
    ]);
  });

  it('subscribes the new address before removing the old one', () => {
    expect(planSubscription({ email: 'b@example.com', types: ['BudgetThresholdReached'] }, recorded)).toEqual(
      [
        { action: 'subscribe', email: 'b@example.com', types: ['BudgetThresholdReached'] },
        { action: 'unsubscribe', arn: 'arn:sub:1' },
      ],
    );
  });

  it.each([
    ['the address is removed', { email: null, types: ['BudgetThresholdReached' as const] }],
    ['no type is chosen', { email: 'a@example.com', types: [] }],
  ])('unsubscribes when %s', (_name, desired) => {
    expect(planSubscription(desired, recorded)).toEqual([{ action: 'unsubscribe', arn: 'arn:sub:1' }]);
  });
});

describe('preferences', () => {
  it('filters on the user and the chosen types in catalogue order', () => {
    expect(filterPolicyOf('u-1', ['InsightReportFailed', 'BudgetThresholdReached'])).toEqual({
      userId: ['u-1'],
      type: ['BudgetThresholdReached', 'InsightReportFailed'],
    });
  });

  it('sends to the webhook only types that are on, while it is not disabled', () => {
    const prefs = {
      ...defaultPreferences('u-1'),
      types: ['BudgetThresholdReached' as const],
      webhookUrl: 'https://h.example.com',
    };

    expect(wantsWebhook(prefs, 'BudgetThresholdReached')).toBe(true);
    expect(wantsWebhook(prefs, 'SpendingAnomalyDetected')).toBe(false);
    expect(
      wantsWebhook({ ...prefs, webhookDisabledAt: '2026-11-24T10:00:00Z' }, 'BudgetThresholdReached'),
    ).toBe(false);
  });
});
