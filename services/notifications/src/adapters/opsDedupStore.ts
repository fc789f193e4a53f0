import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ClaimOpsCause } from '../ports';
import { opsMarkerKey } from './keys';

export interface OpsDedupStoreConfig {
  tableName: string;
}

/**
 * The ops de-duplication marker: one item per cause, put only when `mayAlert` holds (no marker, an expired one —
 * TTL deletes lazily, so expiry is checked here — or the same alert's own). The condition is the same rule as
 * the domain's `mayAlert`, evaluated atomically by DynamoDB, so two routers racing on one cause send it once.
 */
export function buildOpsDedupStore(client: DynamoDBDocumentClient, config: OpsDedupStoreConfig) {
  const claimOpsCause: ClaimOpsCause = async (alert, now, windowSeconds) => {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    try {
      await client.send(
        new PutCommand({
          TableName: config.tableName,
          Item: {
            ...opsMarkerKey(alert.causeKey),
            kind: 'OpsMarker',
            causeKey: alert.causeKey,
            alertId: alert.alertId,
            sentAt: now.toISOString(),
            expiresAt: nowSeconds + windowSeconds,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now OR alertId = :alertId',
          ExpressionAttributeValues: { ':now': nowSeconds, ':alertId': alert.alertId },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error | undefined)?.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  };
  return { claimOpsCause };
}
