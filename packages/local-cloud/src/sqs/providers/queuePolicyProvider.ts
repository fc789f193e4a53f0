import { randomUUID } from 'node:crypto';
import type { ResourceProvider } from '../../core/resources';

const TYPE = 'AWS::SQS::QueuePolicy';

/**
 * `AWS::SQS::QueuePolicy`: accepted but not enforced (the local endpoint checks no permissions). Reported once
 * per stack so the start-up summary says so without one line per queue.
 */
export function sqsQueuePolicyProvider(): ResourceProvider {
  const reportedStacks = new Set<string>();
  return {
    types: [TYPE],
    async create(resource, ctx) {
      if (!reportedStacks.has(resource.stack)) {
        reportedStacks.add(resource.stack);
        ctx.report({
          stack: resource.stack,
          logicalId: resource.logicalId,
          type: TYPE,
          property: 'PolicyDocument',
          reason:
            'SQS resource policies are accepted but not enforced locally (any caller may use every queue)',
        });
      }
      const id = randomUUID();
      return { ref: id, attributes: { Id: id } };
    },
  };
}
