import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { opsSubject, opsText } from '../domain/opsAlert';
import type { PublishOpsAlert } from '../ports';

export interface OpsAlertsTopicConfig {
  topicArn: string;
}

/** The platform's ops-alerts topic: text for e-mail, the alert as JSON for everything else. */
export function buildOpsAlertsTopic(client: SNSClient, config: OpsAlertsTopicConfig) {
  const publishOpsAlert: PublishOpsAlert = async (alert) => {
    const { causeKey: _key, ...published } = alert;
    const json = JSON.stringify(published);
    await client.send(
      new PublishCommand({
        TopicArn: config.topicArn,
        Subject: opsSubject(alert),
        MessageStructure: 'json',
        Message: JSON.stringify({ default: json, email: opsText(alert) }),
        MessageAttributes: {
          severity: { DataType: 'String', StringValue: alert.severity },
          source: { DataType: 'String', StringValue: alert.source },
        },
      }),
    );
  };
  return { publishOpsAlert };
}
