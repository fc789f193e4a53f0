import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildPreferencesStore } from '../src/adapters/preferencesStore';
import { buildUserAlertsTopic } from '../src/adapters/userAlertsTopic';
import { STRICT_WEBHOOK_POLICY } from '../src/domain/webhookUrl';
import { getPreferencesHandler } from '../src/functions/getPreferences/getPreferences';
import { putPreferencesHandler } from '../src/functions/putPreferences/putPreferences';
import { rotateWebhookSecretHandler } from '../src/functions/rotateWebhookSecret/rotateWebhookSecret';
import type { SubscriptionManager } from '../src/ports';
import { call } from './api';
import { type LocalSns, startLocalSns } from './localSns';
import { freshNotificationsTable } from './support';

// PUT /notifications/preferences over DynamoDB Local and the local cloud's SNS engine: the subscriptions it
// manages are real subscriptions of the engine, with their filter policies.
let table: Awaited<ReturnType<typeof freshNotificationsTable>>;
let sns: LocalSns;
let topicArn: string;
let store: ReturnType<typeof buildPreferencesStore>;

beforeAll(async () => {
  [table, sns] = await Promise.all([freshNotificationsTable(), startLocalSns()]);
  topicArn = sns.createTopic('spendwise-test-user-alerts-prefs');
  store = buildPreferencesStore(table.documentClient, { tableName: table.tableName });
});

afterAll(async () => {
  await sns.stop();
  table.client.destroy();
});

/** The topic's real subscription calls; `failSubscribes` makes the next ones fail as an SNS outage would. */
const outage = { failSubscribes: 0 };
const subscriptions = (): SubscriptionManager => {
  const real = buildUserAlertsTopic(sns.client, { topicArn }).subscriptions;
  return {
    ...real,
    subscribe: async (...args) => {
      if (outage.failSubscribes > 0) {
        outage.failSubscribes -= 1;
        throw Object.assign(new Error('Service unavailable'), { name: 'InternalErrorException' });
      }
      return real.subscribe(...args);
    },
  };
};

const put = (user: string, body: unknown) =>
  call(
    putPreferencesHandler({
      ...store,
      subscriptions: subscriptions(),
      policy: STRICT_WEBHOOK_POLICY,
      now: () => new Date(),
    }),
    { method: 'PUT', path: '/notifications/preferences', user, body },
  );

const rotate = (user: string) =>
  call(rotateWebhookSecretHandler({ ...store, now: () => new Date() }), {
    method: 'POST',
    path: '/notifications/preferences/webhook-secret',
    user,
  });

const get = (user: string) =>
  call(getPreferencesHandler({ findPreferences: store.findPreferences }), {
    method: 'GET',
    path: '/notifications/preferences',
    user,
  });

const emailSubscriptions = () => sns.subscriptionsOf(topicArn).filter((s) => s.protocol === 'email');

describe('PUT /notifications/preferences', () => {
  it('subscribes the e-mail address with a filter on the user and the chosen types', async () => {
    const answer = await put('ann', { types: ['BudgetThresholdReached'], email: 'Ann@Example.com' });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      email: 'ann@example.com',
      emailSubscribed: true,
      syncStatus: 'synced',
    });
    const [subscription] = emailSubscriptions().filter((s) => s.endpoint === 'ann@example.com');
    expect(subscription?.filterPolicyScope).toBe('MessageAttributes');
    expect(subscription?.filterPolicy).toEqual({ userId: ['ann'], type: ['BudgetThresholdReached'] });
  });

  it('changes the filter when the types change, and replaces the subscription when the address changes', async () => {
    await put('ben', { types: ['BudgetThresholdReached'], email: 'ben@example.com' });

    await put('ben', { types: ['BudgetThresholdReached', 'InsightReportReady'] });
    const afterTypes = emailSubscriptions().filter((s) => s.endpoint === 'ben@example.com');
    await put('ben', { types: ['InsightReportReady'], email: 'ben@example.org' });
    const endpoints = emailSubscriptions().map((s) => s.endpoint);

    expect(afterTypes[0]?.filterPolicy).toEqual({
      userId: ['ben'],
      type: ['BudgetThresholdReached', 'InsightReportReady'],
    });
    expect(endpoints).toContain('ben@example.org');
    expect(endpoints).not.toContain('ben@example.com');
  });

  it('unsubscribes when the e-mail is removed', async () => {
    await put('cat', { types: ['SpendingAnomalyDetected'], email: 'cat@example.com' });

    const answer = await put('cat', { types: ['SpendingAnomalyDetected'], email: null });

    expect(answer.body).toMatchObject({ email: null, emailSubscribed: false });
    expect(emailSubscriptions().map((s) => s.endpoint)).not.toContain('cat@example.com');
  });

  it("refuses another user's e-mail address with 409 and changes nothing", async () => {
    await put('dan', { types: ['BudgetThresholdReached'], email: 'shared@example.com' });

    const answer = await put('eve', { types: ['BudgetThresholdReached'], email: 'SHARED@example.com' });

    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('EMAIL_IN_USE');
    expect((await get('eve')).body).toMatchObject({ email: null, version: 0 });
    const shared = emailSubscriptions().filter((s) => s.endpoint === 'shared@example.com');
    expect(shared.map((s) => s.filterPolicy)).toEqual([
      { userId: ['dan'], type: ['BudgetThresholdReached'] },
    ]);
  });

  it('frees an address once its owner changes it', async () => {
    await put('fay', { types: ['BudgetThresholdReached'], email: 'moving@example.com' });
    await put('fay', { types: ['BudgetThresholdReached'], email: 'fay@example.com' });

    const answer = await put('gus', { types: ['BudgetThresholdReached'], email: 'moving@example.com' });

    expect(answer.status).toBe(200);
  });

  it('returns the webhook secret once, and never on GET', async () => {
    const set = await put('hal', {
      types: ['BudgetThresholdReached'],
      webhookUrl: 'https://hooks.example.com/x',
    });
    const again = await put('hal', { types: ['BudgetThresholdReached', 'InsightReportReady'] });
    const read = await get('hal');

    expect(String(set.body.webhookSecret)).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(again.body.webhookSecret).toBeUndefined();
    expect(read.body.webhookSecret).toBeUndefined();
    expect(read.body.webhookUrl).toBe('https://hooks.example.com/x');
  });

  it.each([
    ['plain http', 'http://hooks.example.com/x'],
    ['a private address', 'https://10.1.2.3/x'],
    ['the metadata service', 'https://169.254.169.254/latest'],
    ['an IPv4-mapped private address', 'https://[::ffff:10.0.0.1]/x'],
    ['localhost', 'https://localhost:8443/x'],
  ])('rejects %s as a webhook with 400, writing nothing', async (_name, webhookUrl) => {
    const answer = await put('ivy', { types: ['BudgetThresholdReached'], webhookUrl });

    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('INVALID_WEBHOOK_URL');
    expect((await get('ivy')).body.version).toBe(0);
  });

  it('rejects a webhook on a port other than 443 with 400 and the rule it broke', async () => {
    const answer = await put('ivo', {
      types: ['BudgetThresholdReached'],
      webhookUrl: 'https://hooks.example.com:8443/x',
    });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      code: 'INVALID_WEBHOOK_URL',
      rule: 'port-not-allowed',
      errors: [{ path: '/body/webhookUrl', message: 'the port must be 443' }],
    });
    expect((await get('ivo')).body.version).toBe(0);
  });
});

describe('the webhook secret when a PUT fails half-way', () => {
  const request = {
    types: ['BudgetThresholdReached'],
    email: 'kim@example.com',
    webhookUrl: 'https://hooks.example.com/kim',
  };

  it('returns the secret the failed request stored on the retry the 503 asks for, and only until it is shown', async () => {
    outage.failSubscribes = 1;

    const failed = await put('kim', request);
    const retried = await put('kim', request);
    const again = await put('kim', request);
    const stored = await store.findPreferences('kim');

    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBe('5');
    expect(failed.body).toMatchObject({
      code: 'SUBSCRIPTION_SYNC_PENDING',
      webhookSecretPending: true,
      rotateWebhookSecret: 'POST /notifications/preferences/webhook-secret',
    });
    expect(failed.body.webhookSecret).toBeUndefined();
    expect(retried.status).toBe(200);
    expect(String(retried.body.webhookSecret)).toMatch(/^whsec_/);
    expect(retried.body.webhookSecret).toBe(stored.webhookSecret);
    expect(stored.webhookSecretPending).toBe(false);
    expect(again.body.webhookSecret).toBeUndefined();
    expect((await get('kim')).body.webhookSecret).toBeUndefined();
  });

  it('rotates the secret on POST /notifications/preferences/webhook-secret and returns the new one once', async () => {
    const set = await put('lou', {
      types: ['BudgetThresholdReached'],
      webhookUrl: 'https://hooks.example.com/lou',
    });

    const rotated = await rotate('lou');
    const next = await put('lou', { types: ['BudgetThresholdReached'] });
    const stored = await store.findPreferences('lou');

    expect(rotated.status).toBe(200);
    expect(rotated.headers['cache-control']).toBe('no-store');
    expect(String(rotated.body.webhookSecret)).toMatch(/^whsec_/);
    expect(rotated.body.webhookSecret).not.toBe(set.body.webhookSecret);
    expect(rotated.body).toMatchObject({ webhookUrl: 'https://hooks.example.com/lou', version: 2 });
    expect(stored.webhookSecret).toBe(rotated.body.webhookSecret);
    expect(next.body.webhookSecret).toBeUndefined();
  });

  it('answers 409 WEBHOOK_NOT_SET to a rotation without a webhook', async () => {
    const answer = await rotate('max');

    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('WEBHOOK_NOT_SET');
  });
});
