import { randomUUID } from 'node:crypto';
import { iamEvaluated } from '../../core/context';
import type { ResourceProvider } from '../../core/resources';

const TYPE = 'AWS::SQS::QueuePolicy';

/**
 * `AWS::SQS::QueuePolicy`: read by the local IAM (iam/policies.ts). With `--iam off` (or no IAM, in small test
 * clouds) reported once per stack so the start-up summary says so without one line per queue.
 */
export function sqsQueuePolicyProvider(): ResourceProvider {
  const reportedStacks = new Set<string>();
  return {
    types: [TYPE],
    async create(resource, ctx) {
      if (!iamEvaluated(ctx) && !reportedStacks.has(resource.stack)) {
        reportedStacks.add(resource.stack);
        ctx.report({
          stack: resource.stack,
          logicalId: resource.logicalId,
          type: TYPE,
          property: 'PolicyDocument',
          reason:
            'SQS resource policies are accepted but not enforced (--iam off): any caller may use every queue',
        });
      }
      const id = randomUUID();
      return { ref: id, attributes: { Id: id } };
    },
  };
}
