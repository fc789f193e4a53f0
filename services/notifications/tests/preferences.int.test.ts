import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildPreferencesStore } from '../src/adapters/preferencesStore';
import { buildUserAlertsTopic } from '../src/adapters/userAlertsTopic';
import { STRICT_WEBHOOK_POLICY } from '../src/domain/webhookUrl';
import { getPreferencesHandler } from '../src/functions/getPreferences/getPreferences';
import { putPreferencesHandler } from '../src/functions/putPreferences/putPreferences';
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

const put = (user: string, body: unknown) =>
  call(
    putPreferencesHandler({
      ...store,
      subscriptions: buildUserAlertsTopic(sns.client, { topicArn }).subscriptions,
      policy: STRICT_WEBHOOK_POLICY,
      now: () => new Date(),
    }),
    { method: 'PUT', path: '/notifications/preferences', user, body },
  );

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
