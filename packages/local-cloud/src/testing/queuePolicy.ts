/**
 * The policy a queue created at run time needs before a topic or a rule may send to it, as on AWS (the local
 * cloud enforces IAM, ADR 30): the service principal may `sqs:SendMessage` to the queue, only from that source.
 *
 * @example new CreateQueueCommand({ QueueName: name, Attributes: { Policy: JSON.stringify(queuePolicyFor('sns.amazonaws.com', queueArn, topicArn)) } })
 */
export function queuePolicyFor(
  service: 'sns.amazonaws.com' | 'events.amazonaws.com',
  queueArn: string,
  sourceArn: string,
) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } },
      },
    ],
  };
}
