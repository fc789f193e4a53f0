import { describe, expect, it } from '@jest/globals';
import { checkBackupCoverage } from '../../../src/invariants';
import type { CfnTemplate } from '../../../src/template';

const table = (name: unknown): CfnTemplate => ({
  Resources: {
    Table: {
      Type: 'AWS::DynamoDB::Table',
      Properties: { TableName: name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } },
    },
  },
});

const selection = (...tables: string[]): CfnTemplate => ({
  Resources: {
    Selection: {
      Type: 'AWS::Backup::BackupSelection',
      Properties: {
        BackupPlanId: { Ref: 'Plan' },
        BackupSelection: {
          SelectionName: 's',
          IamRoleArn: 'arn:aws:iam::1:role/r',
          Resources: tables.map((name) => ({
            'Fn::Sub': `arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/${name}`,
          })),
        },
      },
    },
  },
});

const rules = (templates: { service: string; template: CfnTemplate }[]) =>
  checkBackupCoverage(templates).map((v) => `${v.rule} ${v.resource} ${v.message.split(':')[0]}`);

describe('backup coverage across templates', () => {
  it('accepts every table named by a selection of another template', () => {
    expect(
      rules([
        { service: 'expenses', template: table('spendwise-dev-expenses') },
        { service: 'backup', template: selection('spendwise-dev-expenses') },
      ]),
    ).toEqual([]);
  });

  it('rejects a table no selection names, whichever service owns it', () => {
    expect(
      rules([
        { service: 'expenses', template: table('spendwise-dev-expenses') },
        { service: 'catalog', template: table('spendwise-dev-catalog') },
        { service: 'backup', template: selection('spendwise-dev-expenses', 'spendwise-dev-expenses-copy') },
      ]),
    ).toEqual(['table-backup Table catalog']);
  });

  it('rejects a table without a literal name, since no selection could name it', () => {
    expect(rules([{ service: 'x', template: table({ Ref: 'Name' }) }])).toEqual(['table-backup Table x']);
  });

  it('rejects every table when there is no backup selection at all', () => {
    expect(rules([{ service: 'expenses', template: table('spendwise-dev-expenses') }])).toEqual([
      'table-backup Table expenses',
    ]);
  });
});
