import type { CfnTemplate } from '../template';
import { asList, path, renderString, resources } from './cfn';
import { RULES, type Violation } from './rules';

/** One packaged service: its compose name and template. */
export interface PackagedTemplate {
  service: string;
  template: CfnTemplate;
}

/**
 * Across every packaged template of a stage: each DynamoDB table (by its TableName) is named by an
 * `AWS::Backup::BackupSelection` of some template (`…:table/<name>`), so a table added to a service without
 * adding it to services/backup fails packaging. PITR itself is `table-pitr`, checked per template.
 *
 * @example const violations = checkBackupCoverage([{ service: 'expenses', template }, …]);
 */
export function checkBackupCoverage(templates: readonly PackagedTemplate[]): Violation[] {
  const selected = new Set<string>();
  for (const { template } of templates) {
    for (const [, props] of resources(template, 'AWS::Backup::BackupSelection')) {
      for (const arn of asList(path(props, 'BackupSelection', 'Resources'))) {
        const text = renderString(arn);
        const table = text?.match(/:table\/([^/]+)$/)?.[1];
        if (table) selected.add(table);
      }
    }
  }
  const found: Violation[] = [];
  for (const { service, template } of templates) {
    for (const [id, props] of resources(template, 'AWS::DynamoDB::Table')) {
      const name = renderString(props.TableName);
      if (name !== undefined && selected.has(name)) continue;
      found.push({
        rule: 'table-backup',
        resource: id,
        message: `${service}: ${id} (AWS::DynamoDB::Table) breaks table-backup: ${
          name === undefined
            ? 'it has no literal TableName, so no backup selection can name it'
            : `table ${name} is in no AWS::Backup::BackupSelection (add its ARN to services/backup/resources/plan.yml)`
        } — ${RULES['table-backup']}`,
      });
    }
  }
  return found;
}
