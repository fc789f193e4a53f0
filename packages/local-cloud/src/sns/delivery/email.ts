import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { messageFor, type PublishedMessage, type Subscription } from '../model';
import { notificationJson, unsubscribeUrl } from '../notification';
import type { Deliver } from './types';

const DEFAULT_SUBJECT = 'AWS Notification Message';

const topicName = (topicArn: string) => topicArn.split(':').pop() ?? 'topic';

/** `20260101T120000123Z`: sortable and safe in file names on every OS. */
const fileStamp = (date: Date) => date.toISOString().replace(/[-:.]/g, '');

/** The footer SNS appends to e-mail notifications. */
const footer = (unsubscribe: string) =>
  [
    '',
    '--',
    'If you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:',
    unsubscribe,
    '',
    'Please do not reply directly to this email. This message was written by the Spendwise local cloud; nothing was sent.',
  ].join('\r\n');

/** An RFC 5322 message a mail client can open: headers, blank line, UTF-8 text body. */
export function emailText(
  message: PublishedMessage,
  subscription: Subscription,
  displayName: string | undefined,
  endpoint: string,
): string {
  const body =
    subscription.protocol === 'email-json'
      ? notificationJson(message, subscription, { endpoint })
      : messageFor(message, 'email');
  const from = `${JSON.stringify(displayName || 'AWS Notifications')} <no-reply@sns.amazonaws.com>`;
  const headers = [
    `From: ${from}`,
    `To: ${subscription.endpoint}`,
    `Subject: ${message.subject ?? DEFAULT_SUBJECT}`,
    `Date: ${message.timestamp.toUTCString()}`,
    `Message-ID: <${message.messageId}@sns.local>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  const unsubscribe = unsubscribeUrl({ endpoint }, subscription.arn);
  return `${headers.join('\r\n')}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}\r\n${footer(unsubscribe)}\r\n`;
}

/** File name of one e-mail: `<timestamp>-<topic>-<messageId>.eml`. */
export const emailFileName = (message: PublishedMessage) =>
  `${fileStamp(message.timestamp)}-${topicName(message.topicArn)}-${message.messageId}.eml`;

/** Writes the e-mail into the outbox folder instead of sending it. */
export function deliverToOutbox(displayNameOf: (topicArn: string) => string | undefined): Deliver {
  return async (message, subscription, env) => {
    await mkdir(env.outboxDir, { recursive: true });
    const text = emailText(message, subscription, displayNameOf(message.topicArn), env.urls.endpoint);
    await writeUnique(env.outboxDir, emailFileName(message), text);
  };
}

/** Several e-mail subscriptions get the same message: the second file gets `-2`, and so on. */
async function writeUnique(dir: string, name: string, text: string): Promise<string> {
  for (let n = 1; ; n++) {
    const file = join(dir, n === 1 ? name : name.replace(/\.eml$/, `-${n}.eml`));
    try {
      await writeFile(file, text, { encoding: 'utf8', flag: 'wx' });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
