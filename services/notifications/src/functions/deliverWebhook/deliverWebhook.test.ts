import { describe, expect, it } from '@jest/globals';
import { defaultPreferences } from '../../domain/preferences';
import { verifyWebhookSignature } from '../../domain/signature';
import { STRICT_WEBHOOK_POLICY } from '../../domain/webhookUrl';
import {
  DEADLINE_RESERVE_MS,
  deliverWebhook,
  deliveryDeadlineMs,
  NoTimeLeftError,
  type WebhookDelivery,
  WebhookDeliveryError,
} from './deliverWebhook';

const SECRET = 'whsec_unit';
const prefs = {
  ...defaultPreferences('u-1'),
  webhookUrl: 'https://hooks.example.com/in',
  webhookSecret: SECRET,
};

const delivery: WebhookDelivery = {
  detail: { metadata: { eventId: 'n-1' } },
  message: {
    id: 'n-1',
    userId: 'u-1',
    sourceEventId: 'e-1',
    type: 'SpendingAnomalyDetected',
    severity: 'warning',
    title: 'Unusual expense in dining',
    message: 'An expense of €489.00 …',
    occurredAt: '2026-11-14T09:30:00.000Z',
    data: {},
  },
};

function fakes(addresses: string[], status = 200, webhookUrl = prefs.webhookUrl) {
  const posts: { address: string; body: string; headers: Record<string, string>; signal: AbortSignal }[] = [];
  const disabled: string[] = [];
  const now = new Date('2026-11-24T10:00:00Z');
  return {
    posts,
    disabled,
    now,
    deps: {
      findPreferences: async () => ({ ...prefs, webhookUrl }),
      disableWebhook: async (_user: string, url: string) => {
        disabled.push(url);
      },
      resolveHost: async () => addresses,
      post: async (request: {
        address: string;
        body: string;
        headers: Record<string, string>;
        signal: AbortSignal;
      }) => {
        posts.push(request);
        return { status };
      },
      policy: STRICT_WEBHOOK_POLICY,
      deadlineMs: 5_000,
      now: () => now,
    },
  };
}

describe('deliverWebhook', () => {
  it('POSTs to the resolved public address with a verifiable signature', async () => {
    const { deps, posts, now } = fakes(['93.184.216.34']);

    const result = await deliverWebhook(deps)(delivery);

    expect(result.outcome).toBe('delivered');
    expect(posts[0]?.address).toBe('93.184.216.34');
    expect(posts[0]?.body).not.toContain('u-1');
    expect(
      verifyWebhookSignature(posts[0]?.headers['Spendwise-Signature'], posts[0]?.body ?? '', SECRET, { now }),
    ).toBe(true);
  });

  it('refuses a host name that now resolves to a private address (DNS rebinding) without calling it', async () => {
    const { deps, posts } = fakes(['93.184.216.34', '169.254.169.254']);

    const result = await deliverWebhook(deps)(delivery);

    expect(result.outcome).toBe('refused');
    expect(posts).toEqual([]);
  });

  it('throws on a non-2xx answer so that SQS retries the record', async () => {
    const { deps } = fakes(['93.184.216.34'], 500);

    await expect(deliverWebhook(deps)(delivery)).rejects.toThrow(WebhookDeliveryError);
  });

  it('refuses a stored URL on a port the stage no longer allows, without calling it', async () => {
    const { deps, posts } = fakes(['93.184.216.34'], 200, 'https://hooks.example.com:8443/in');

    const result = await deliverWebhook(deps)(delivery);

    expect(result.outcome).toBe('refused');
    expect(posts).toEqual([]);
  });

  it('gives the POST a deadline signal', async () => {
    const { deps, posts } = fakes(['93.184.216.34']);

    await deliverWebhook(deps)(delivery);

    expect(posts[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(posts[0]?.signal.aborted).toBe(false);
  });

  it('cuts the deadline to the time the invocation has left, and gives up when none is left', async () => {
    const { deps, posts } = fakes(['93.184.216.34']);
    const meta = (remainingMs: number) =>
      ({ record: {}, context: { getRemainingTimeInMillis: () => remainingMs } }) as never;

    await expect(deliverWebhook(deps)(delivery, meta(DEADLINE_RESERVE_MS))).rejects.toThrow(NoTimeLeftError);
    expect(posts).toEqual([]);
    expect(deliveryDeadlineMs(5_000, 14_000)).toBe(5_000);
    expect(deliveryDeadlineMs(5_000, 3_000)).toBe(3_000 - DEADLINE_RESERVE_MS);
    expect(deliveryDeadlineMs(5_000, undefined)).toBe(5_000);
  });

  it('disables the webhook on 410 Gone', async () => {
    const { deps, disabled } = fakes(['93.184.216.34'], 410);

    const result = await deliverWebhook(deps)(delivery);

    expect(result.outcome).toBe('gone');
    expect(disabled).toEqual(['https://hooks.example.com/in']);
  });
});
