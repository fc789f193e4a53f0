import { parseArn } from '../core/arn';

/**
 * The function name in any form Lambda accepts: `name`, `name:qualifier`, `account:function:name[:qualifier]`
 * or a full ARN. The qualifier is dropped (every version and alias runs the $LATEST code locally).
 *
 * @example
 * functionNameOf('arn:aws:lambda:eu-west-1:000000000000:function:spendwise-expenses-dev-getExpense:live') // 'spendwise-expenses-dev-getExpense'
 */
export function functionNameOf(ref: string): string {
  const arn = parseArn(ref);
  const resource = arn ? arn.resource : ref;
  const parts = resource.split(':');
  const at = parts.indexOf('function');
  return (at >= 0 ? parts[at + 1] : parts[0]) ?? '';
}
