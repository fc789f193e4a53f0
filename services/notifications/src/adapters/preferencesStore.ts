import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { EmailInUseError, PreferencesChangedError } from '../domain/errors';
import { defaultPreferences, normaliseEmail, type Preferences } from '../domain/preferences';
import type {
  DisableWebhook,
  FindPreferences,
  RecordSubscription,
  ReplaceWebhookSecret,
  SavePreferences,
} from '../ports';
import { conditionFailedAt, emailClaimKey, fromItem, preferencesKey } from './keys';

export interface PreferencesStoreConfig {
  tableName: string;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const isConditionFailure = (error: unknown) =>
  (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

/** DynamoDB adapters for the preferences ports. */
export function buildPreferencesStore(client: DynamoDBDocumentClient, config: PreferencesStoreConfig) {
  const { tableName } = config;

  const findPreferences: FindPreferences = async (userId) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: preferencesKey(userId), ConsistentRead: true }),
    );
    return Item
      ? { ...defaultPreferences(userId), ...fromItem<Preferences>(Item) }
      : defaultPreferences(userId);
  };

  const claim = (userId: string, email: string): TransactItem => ({
    Put: {
      TableName: tableName,
      Item: { ...emailClaimKey(email), kind: 'EmailClaim', ownerId: userId },
      ConditionExpression: 'attribute_not_exists(PK) OR ownerId = :me',
      ExpressionAttributeValues: { ':me': userId },
    },
  });

  const release = (userId: string, email: string): TransactItem => ({
    Delete: {
      TableName: tableName,
      Key: emailClaimKey(email),
      ConditionExpression: 'attribute_not_exists(PK) OR ownerId = :me',
      ExpressionAttributeValues: { ':me': userId },
    },
  });

  const savePreferences: SavePreferences = async (prefs, expectedVersion, releasedEmail) => {
    const email = prefs.email === null ? null : normaliseEmail(prefs.email);
    const released = releasedEmail === null ? null : normaliseEmail(releasedEmail);
    const guard =
      expectedVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          };
    const items: TransactItem[] = [
      {
        Put: {
          TableName: tableName,
          Item: { ...preferencesKey(prefs.userId), kind: 'Preferences', ...prefs, email },
          ...guard,
        },
      },
      ...(email ? [claim(prefs.userId, email)] : []),
      ...(released && released !== email ? [release(prefs.userId, released)] : []),
    ];
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (conditionFailedAt(error, 0)) throw new PreferencesChangedError();
      if (email && conditionFailedAt(error, 1)) throw new EmailInUseError();
      throw error;
    }
  };

  const recordSubscription: RecordSubscription = async (userId, version, subscription) => {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: preferencesKey(userId),
          UpdateExpression:
            'SET subscription = :subscription, syncStatus = :synced, webhookSecretPending = :shown',
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: {
            ':subscription': subscription,
            ':synced': 'synced',
            ':shown': false,
            ':version': version,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };

  const disableWebhook: DisableWebhook = async (userId, webhookUrl, now) => {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: preferencesKey(userId),
          UpdateExpression: 'SET webhookDisabledAt = :now',
          ConditionExpression: 'webhookUrl = :url',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':url': webhookUrl },
        }),
      );
    } catch (error) {
      // The user changed the webhook meanwhile: the new one is not the one that answered 410.
      if (!isConditionFailure(error)) throw error;
    }
  };

  const replaceWebhookSecret: ReplaceWebhookSecret = async (expected, secret, now) => {
    try {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: preferencesKey(expected.userId),
          UpdateExpression:
            'SET webhookSecret = :secret, webhookSecretPending = :shown, #version = :next, updatedAt = :now',
          ConditionExpression: '#version = :expected AND webhookUrl = :url',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: {
            ':secret': secret,
            ':shown': false,
            ':next': expected.version + 1,
            ':now': now.toISOString(),
            ':expected': expected.version,
            ':url': expected.webhookUrl,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { ...defaultPreferences(expected.userId), ...fromItem<Preferences>(Attributes ?? {}) };
    } catch (error) {
      if (isConditionFailure(error)) throw new PreferencesChangedError();
      throw error;
    }
  };

  return { findPreferences, savePreferences, recordSubscription, replaceWebhookSecret, disableWebhook };
}
