import type { MessageAttributeValue } from '../core/ports';
import type { FilterPolicyScope } from '../patterns';

/** Endpoint kinds the local SNS delivers to. */
export const SUPPORTED_PROTOCOLS = ['sqs', 'lambda', 'http', 'https', 'email', 'email-json'] as const;
export type DeliveryProtocol = (typeof SUPPORTED_PROTOCOLS)[number];

export const isSupportedProtocol = (value: string): value is DeliveryProtocol =>
  (SUPPORTED_PROTOCOLS as readonly string[]).includes(value);

/** A topic as the local SNS keeps it. */
export interface Topic {
  arn: string;
  name: string;
  /** Topic attributes as GetTopicAttributes reports them (DisplayName, Policy, …). */
  attributes: Record<string, string>;
  tags: Record<string, string>;
}

/** A confirmed subscription (every local subscription is confirmed at once). */
export interface Subscription {
  arn: string;
  topicArn: string;
  protocol: DeliveryProtocol;
  endpoint: string;
  rawMessageDelivery: boolean;
  /** Parsed filter policy, or undefined when every message passes. */
  filterPolicy?: unknown;
  filterPolicyScope: FilterPolicyScope;
  /** ARN of the SQS queue that receives messages this subscription could not deliver. */
  deadLetterTargetArn?: string;
  /** Attributes kept verbatim for GetSubscriptionAttributes (DeliveryPolicy, …). */
  extra: Record<string, string>;
}

/** One message published to a topic. */
export interface PublishedMessage {
  messageId: string;
  topicArn: string;
  message: string;
  subject?: string;
  attributes: Record<string, MessageAttributeValue>;
  /** Per-protocol messages when MessageStructure=json (always holds `default`). */
  perProtocol?: Record<string, string>;
  timestamp: Date;
}

/** The message text one subscription receives, honouring MessageStructure=json. */
export const messageFor = (message: PublishedMessage, protocol: DeliveryProtocol): string =>
  message.perProtocol
    ? (message.perProtocol[protocol] ?? message.perProtocol.default ?? '')
    : message.message;
