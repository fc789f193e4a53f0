import { describe, expect, it } from '@jest/globals';
import { defaultPreferences } from '../../domain/preferences';
import { verifyWebhookSignature } from '../../domain/signature';
import { STRICT_WEBHOOK_POLICY } from '../../domain/webhookUrl';
import { deliverWebhook, type WebhookDelivery, WebhookDeliveryError } from './deliverWebhook';

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

function fakes(addresses: string[], status = 200) {
  const posts: { address: string; body: string; headers: Record<string, string> }[] = [];
  const disabled: string[] = [];
  const now = new Date('2026-11-24T10:00:00Z');
  return {
    posts,
    disabled,
    now,
    deps: {
      findPreferences: async () => prefs,
      disableWebhook: async (_user: string, url: string) => {
        disabled.push(url);
      },
      resolveHost: async () => addresses,
      post: async (request: { address: string; body: string; headers: Record<string, string> }) => {
        posts.push(request);
        return { status };
      },
      policy: STRICT_WEBHOOK_POLICY,
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

  it('disables the webhook on 410 Gone', async () => {
    const { deps, disabled } = fakes(['93.184.216.34'], 410);

    const result = await deliverWebhook(deps)(delivery);

    expect(result.outcome).toBe('gone');
    expect(disabled).toEqual(['https://hooks.example.com/in']);
  });
});
