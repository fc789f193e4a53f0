import { describe, expect, it } from '@jest/globals';
import type { AlertType } from '@spendwise/contracts';
import type { HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import { defaultPreferences, type EmailSubscription, type Preferences } from '../../domain/preferences';
import { STRICT_WEBHOOK_POLICY } from '../../domain/webhookUrl';
import { putPreferencesHandler } from './putPreferences';

/** An in-memory preferences store and a fake SNS that records calls and can fail the next ones. */
function fakes() {
  let stored: Preferences | undefined;
  const sns = { calls: [] as string[], failNext: 0, failOn: '', live: new Map<string, string>() };
  const fail = (action: string) => {
    if (sns.failOn === action || sns.failNext > 0) {
      sns.failNext = Math.max(0, sns.failNext - 1);
      sns.failOn = '';
      throw new Error('SNS unavailable');
    }
  };
  return {
    sns,
    stored: () => stored,
    deps: {
      findPreferences: async (userId: string) => stored ?? defaultPreferences(userId),
      savePreferences: async (prefs: Preferences) => {
        stored = prefs;
      },
      recordSubscription: async (_user: string, version: number, subscription: EmailSubscription | null) => {
        if (stored?.version !== version) return false;
        stored = { ...stored, subscription, syncStatus: 'synced', webhookSecretPending: false };
        return true;
      },
      subscriptions: {
        subscribe: async (_user: string, email: string, types: AlertType[]) => {
          fail('subscribe');
          sns.calls.push(`subscribe ${email} ${types.join('|')}`);
          const arn = `arn:sub:${email}`;
          sns.live.set(arn, email);
          return arn;
        },
        setFilter: async (arn: string, _user: string, types: AlertType[]) => {
          fail('setFilter');
          sns.calls.push(`setFilter ${arn} ${types.join('|')}`);
        },
        unsubscribe: async (arn: string) => {
          fail('unsubscribe');
          sns.calls.push(`unsubscribe ${arn}`);
          sns.live.delete(arn);
        },
      },
      policy: STRICT_WEBHOOK_POLICY,
      now: () => new Date('2026-11-24T10:00:00Z'),
      newSecret: () => 'whsec_fixed',
    },
  };
}

const put = async (deps: ReturnType<typeof fakes>['deps'], body: unknown) => {
  const response = (await putPreferencesHandler(deps)(
    httpEvent({
      method: 'PUT',
      path: '/notifications/preferences',
      body,
      claims: { sub: 'u-1', scope: 'spendwise/notifications.write' },
    }),
    lambdaContext(),
  )) as HttpResponse;
  return { status: response.statusCode, body: JSON.parse(response.body ?? '{}') };
};

describe('PUT /notifications/preferences', () => {
  it('converges after SNS fails between subscribing the new address and removing the old one', async () => {
    const { deps, sns, stored } = fakes();
    await put(deps, { types: ['BudgetThresholdReached'], email: 'old@example.com' });
    sns.failOn = 'unsubscribe';

    const interrupted = await put(deps, { types: ['BudgetThresholdReached'], email: 'new@example.com' });
    const retried = await put(deps, { types: ['BudgetThresholdReached'], email: 'new@example.com' });

    expect(interrupted.status).toBe(503);
    expect(interrupted.body.code).toBe('SUBSCRIPTION_SYNC_PENDING');
    expect(retried.status).toBe(200);
    expect([...sns.live.values()]).toEqual(['new@example.com']);
    expect(stored()).toMatchObject({ subscription: { email: 'new@example.com' }, syncStatus: 'synced' });
  });

  it('records the desired state as pending when SNS is down, and completes it on the same request again', async () => {
    const { deps, sns, stored } = fakes();
    sns.failNext = 1;

    const failed = await put(deps, { types: ['SpendingAnomalyDetected'], email: 'a@example.com' });
    const pending = stored();
    const retried = await put(deps, { types: ['SpendingAnomalyDetected'], email: 'a@example.com' });

    expect(failed.status).toBe(503);
    expect(pending).toMatchObject({ email: 'a@example.com', syncStatus: 'pending', subscription: null });
    expect(retried.body).toMatchObject({ emailSubscribed: true, syncStatus: 'synced' });
    expect(sns.calls).toEqual(['subscribe a@example.com SpendingAnomalyDetected']);
  });

  it('issues a webhook secret when the webhook is set or rotated, and only then', async () => {
    const { deps } = fakes();

    const set = await put(deps, { types: [], webhookUrl: 'https://hooks.example.com/in' });
    const unchanged = await put(deps, { types: ['InsightReportReady'] });
    const rotated = await put(deps, { types: ['InsightReportReady'], rotateWebhookSecret: true });

    expect(set.body.webhookSecret).toBe('whsec_fixed');
    expect(unchanged.body.webhookSecret).toBeUndefined();
    expect(rotated.body.webhookSecret).toBe('whsec_fixed');
  });

  it('returns the webhook secret on the retry of a request that saved it and then answered 503', async () => {
    const { deps, sns, stored } = fakes();
    sns.failNext = 1;
    const request = {
      types: ['BudgetThresholdReached'],
      email: 'a@example.com',
      webhookUrl: 'https://hooks.example.com/in',
    };

    const failed = await put(deps, request);
    const retried = await put(deps, request);
    const later = await put(deps, request);

    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ webhookSecretPending: true });
    expect(failed.body.webhookSecret).toBeUndefined();
    expect(retried.status).toBe(200);
    expect(retried.body.webhookSecret).toBe(stored()?.webhookSecret);
    expect(later.body.webhookSecret).toBeUndefined();
  });

  it('rejects an unknown alert type before touching anything', async () => {
    const { deps, sns, stored } = fakes();

    const answer = await put(deps, { types: ['EverythingHappened'] });

    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
    expect(stored()).toBeUndefined();
    expect(sns.calls).toEqual([]);
  });
});
