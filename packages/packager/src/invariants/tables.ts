import { asList, path, resources, show } from './cfn';
import { type Rule, type Violation, violation } from './rules';

/** DynamoDB tables: on-demand capacity, point-in-time recovery, explicit server-side encryption. */
export const checkTables: Rule = (context) => {
  const found: Violation[] = [];
  const checkCommon = (id: string, props: Record<string, unknown>) => {
    if (props.BillingMode !== 'PAY_PER_REQUEST') {
      found.push(
        violation(
          context,
          'table-on-demand',
          id,
          `BillingMode is ${show(props.BillingMode)}, not PAY_PER_REQUEST`,
        ),
      );
    }
    if (path(props, 'SSESpecification', 'SSEEnabled') !== true) {
      found.push(
        violation(
          context,
          'table-encryption',
          id,
          `SSESpecification is ${show(props.SSESpecification)}; set SSEEnabled: true`,
        ),
      );
    }
  };
  for (const [id, props] of resources(context.template, 'AWS::DynamoDB::Table')) {
    checkCommon(id, props);
    if (path(props, 'PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled') !== true) {
      found.push(violation(context, 'table-pitr', id, 'PointInTimeRecoverySpecification is not enabled'));
    }
  }
  for (const [id, props] of resources(context.template, 'AWS::DynamoDB::GlobalTable')) {
    checkCommon(id, props);
    const replicas = asList(props.Replicas);
    const withoutPitr = replicas.filter(
      (replica) => path(replica, 'PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled') !== true,
    );
    if (replicas.length === 0 || withoutPitr.length > 0) {
      found.push(violation(context, 'table-pitr', id, 'a replica has no point-in-time recovery'));
    }
  }
  return found;
};
