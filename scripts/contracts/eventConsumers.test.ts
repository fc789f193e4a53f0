import { describe, expect, it } from '@jest/globals';
import { type Consumer, eventKey, type RoutedEvent, routeEvents } from './eventConsumers';
import { discoverRules, type ServiceSources } from './eventRules';

const events: RoutedEvent[] = [
  { source: 'spendwise.catalog', detailType: 'BudgetRemoved' },
  { source: 'spendwise.catalog', detailType: 'BudgetSet' },
  { source: 'spendwise.catalog', detailType: 'CategoryCreated' },
  { source: 'spendwise.expenses', detailType: 'ExpenseDeleted' },
  { source: 'spendwise.expenses', detailType: 'ExpenseRecorded' },
  { source: 'spendwise.expenses', detailType: 'ExpenseUpdated' },
  { source: 'spendwise.insights', detailType: 'BudgetThresholdReached' },
  { source: 'spendwise.insights', detailType: 'SpendingAnomalyDetected' },
];

/** One service whose resources file holds `rules` (YAML, indented as resources under `Resources:`). */
function serviceWithRules(rules: string): ServiceSources {
  return {
    service: 'insights',
    serverless: {
      path: 'services/insights/serverless.yml',
      text: `service: spendwise-insights\ncustom:\n  busName: spendwise-\${sls:stage}\n`,
    },
    resources: [{ path: 'services/insights/resources/rules.yml', text: `Resources:\n${rules}` }],
  };
}

function consumedBy(rules: string): Record<string, string[]> {
  const routing = routeEvents(discoverRules([serviceWithRules(rules)]), events);
  const names = (consumers: readonly Consumer[]) => consumers.map(({ rule }) => rule.logicalId);
  return Object.fromEntries(
    events
      .filter((event) => routing.consumers.has(eventKey(event)))
      .map((event) => [event.detailType, names(routing.consumers.get(eventKey(event))!)]),
  );
}

describe('routeEvents on rules discovered in YAML', () => {
  it('gives a rule listing sources and detail-types exactly the events it names', () => {
    const rules = `
  ExpenseRule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: \${self:custom.busName}
      EventPattern:
        source: [spendwise.expenses]
        detail-type: [ExpenseRecorded, ExpenseUpdated]
`;

    const consumers = consumedBy(rules);

    expect(consumers).toEqual({ ExpenseRecorded: ['ExpenseRule'], ExpenseUpdated: ['ExpenseRule'] });
  });

  it('matches detail-types by prefix as EventBridge does', () => {
    const rules = `
  BudgetRule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !Sub "arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:event-bus/spendwise-\${sls:stage}"
      EventPattern:
        source: [spendwise.catalog]
        detail-type: [{ prefix: Budget }]
`;

    const consumers = consumedBy(rules);

    expect(consumers).toEqual({ BudgetRemoved: ['BudgetRule'], BudgetSet: ['BudgetRule'] });
  });

  it('gives a rule naming only a source every event of that source, with its other filters listed', () => {
    const rules = `
  InsightsRule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: spendwise-\${sls:stage}
      EventPattern:
        source: [spendwise.insights]
        detail: { data: { severity: [critical] } }
`;

    const routing = routeEvents(discoverRules([serviceWithRules(rules)]), events);

    expect(consumedBy(rules)).toEqual({
      BudgetThresholdReached: ['InsightsRule'],
      SpendingAnomalyDetected: ['InsightsRule'],
    });
    expect(routing.consumers.get('spendwise.insights SpendingAnomalyDetected')?.[0]?.filters).toEqual([
      'detail',
    ]);
  });

  it('sets apart a rule that receives every event, such as an audit log', () => {
    const rules = `
  AuditRule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: spendwise-\${sls:stage}
      EventPattern:
        source: [{ prefix: "" }]
`;

    const routing = routeEvents(discoverRules([serviceWithRules(rules)]), events);

    expect(routing.busWide.map(({ rule }) => rule.logicalId)).toEqual(['AuditRule']);
    expect(routing.consumers.size).toBe(0);
  });

  it('reports a rule that matches no catalogued event', () => {
    const rules = `
  MisspeltRule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: spendwise-\${sls:stage}
      EventPattern:
        source: [spendwise.expenses]
        detail-type: [ExpenseCreated]
`;

    const routing = routeEvents(discoverRules([serviceWithRules(rules)]), events);

    expect(routing.unmatched.map(({ rule }) => rule.logicalId)).toEqual(['MisspeltRule']);
  });

  it('routes each $or branch by its own detail-type and lists the other fields as filters', () => {
    const rules = `
  FailuresRule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: spendwise-\${sls:stage}
      EventPattern:
        source: [spendwise.expenses]
        $or:
          - detail-type: [ExpenseDeleted]
          - detail-type: [ExpenseUpdated]
            detail: { data: { changedFields: [amount] } }
`;

    const routing = routeEvents(discoverRules([serviceWithRules(rules)]), events);

    expect(consumedBy(rules)).toEqual({ ExpenseDeleted: ['FailuresRule'], ExpenseUpdated: ['FailuresRule'] });
    expect(routing.consumers.get('spendwise.expenses ExpenseUpdated')?.[0]?.filters).toEqual(['detail']);
  });

  it('does not narrow the routing by an $or with a branch naming no detail-type', () => {
    const rules = `
  EitherRule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: spendwise-\${sls:stage}
      EventPattern:
        source: [spendwise.catalog]
        $or:
          - detail-type: [CategoryCreated]
          - detail: { data: { budget: { categoryId: [groceries] } } }
`;

    const consumers = consumedBy(rules);

    expect(consumers).toEqual({
      BudgetRemoved: ['EitherRule'],
      BudgetSet: ['EitherRule'],
      CategoryCreated: ['EitherRule'],
    });
  });

  it('refuses a pattern EventBridge would reject, naming the rule', () => {
    const rules = `
  BrokenRule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: spendwise-\${sls:stage}
      EventPattern:
        source: spendwise.expenses
`;

    const route = () => routeEvents(discoverRules([serviceWithRules(rules)]), events);

    expect(route).toThrow(/BrokenRule has an invalid event pattern/);
  });
});
