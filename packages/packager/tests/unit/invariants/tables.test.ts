import { describe, expect, it } from '@jest/globals';
import { broken } from './broken';
import { compliantTemplate, props } from './compliantTemplate';

describe('DynamoDB table invariants', () => {
  it('rejects provisioned capacity, including the default when BillingMode is absent', () => {
    const template = compliantTemplate();
    delete props(template, 'Table').BillingMode;

    expect(broken(template)).toEqual(['table-on-demand Table']);
  });

  it('rejects a table without point-in-time recovery', () => {
    const template = compliantTemplate();
    props(template, 'Table').PointInTimeRecoverySpecification = { PointInTimeRecoveryEnabled: false };

    expect(broken(template)).toEqual(['table-pitr Table']);
  });

  it('rejects a table that leaves encryption implicit', () => {
    const template = compliantTemplate();
    delete props(template, 'Table').SSESpecification;

    expect(broken(template)).toEqual(['table-encryption Table']);
  });

  it('checks global tables and their replicas', () => {
    const template = compliantTemplate();
    template.Resources.Global = {
      Type: 'AWS::DynamoDB::GlobalTable',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true },
        Replicas: [{ Region: 'eu-west-1' }],
      },
    };

    expect(broken(template)).toEqual(['table-pitr Global']);
  });
});
