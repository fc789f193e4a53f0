import { describe, expect, it } from '@jest/globals';
import { checkTemplate, RULES } from '../../src/invariants';
import { compliantTemplate, props } from './invariants/compliantTemplate';

describe('checkTemplate', () => {
  it('finds nothing wrong in a template that keeps every invariant', () => {
    const template = compliantTemplate();

    const violations = checkTemplate(template, 'sample', { stage: 'dev' });

    expect(violations).toEqual([]);
  });

  it('names the service, the resource, its type and the rule in each message', () => {
    const template = compliantTemplate();
    props(template, 'ApiLambdaFunction').Runtime = 'nodejs20.x';

    const [violation] = checkTemplate(template, 'expenses');

    expect(violation?.message).toBe(
      'expenses: ApiLambdaFunction (AWS::Lambda::Function) breaks lambda-runtime: Runtime is "nodejs20.x", not nodejs24.x',
    );
  });

  it('describes every rule in one sentence', () => {
    const descriptions = Object.values(RULES);

    expect(descriptions.length).toBeGreaterThanOrEqual(20);
    for (const description of descriptions) expect(description).toMatch(/^[a-z].{15,}$/);
  });

  it('leaves a template without resources alone', () => {
    expect(checkTemplate({ Resources: {} }, 'empty')).toEqual([]);
  });
});
