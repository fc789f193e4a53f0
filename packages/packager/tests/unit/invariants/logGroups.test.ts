import { describe, expect, it } from '@jest/globals';
import { broken } from './broken';
import { compliantTemplate, props } from './compliantTemplate';

describe('log group invariants', () => {
  it('rejects a log group that keeps events for ever', () => {
    const template = compliantTemplate();
    delete props(template, 'ApiLogGroup').RetentionInDays;

    expect(broken(template)).toEqual(['log-group-retention ApiLogGroup']);
  });
});
