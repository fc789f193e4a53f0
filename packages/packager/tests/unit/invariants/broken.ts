import { checkTemplate } from '../../../src/invariants';
import type { CfnTemplate } from '../../../src/template';

/** The violations of a template as `rule resource` pairs, the shape tests compare against. */
export function broken(template: CfnTemplate, service = 'sample', stage = 'dev'): string[] {
  return checkTemplate(template, service, { stage }).map((v) => `${v.rule} ${v.resource}`);
}
