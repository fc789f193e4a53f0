import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse, type Tags } from 'yaml';

// The dashboards as osls reads them: `${sls:stage}` is resolved by osls, `${AWS::Region}` by CloudFormation's Fn::Sub.
const VARIABLES: Record<string, string> = { 'sls:stage': 'dev', 'AWS::Region': 'eu-west-1' };

const subTag: Tags = [{ tag: '!Sub', resolve: (value: unknown) => ({ 'Fn::Sub': value }) }];
const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');

interface Widget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: { region?: string; metrics?: unknown[]; markdown?: string };
}

const template = parse(read('resources/dashboards.yml'), { customTags: subTag }) as {
  Resources: Record<
    string,
    { Type: string; Properties: { DashboardName: string; DashboardBody: { 'Fn::Sub': string } } }
  >;
};

/** The DashboardBody as deployed: every variable substituted, then parsed as the JSON CloudWatch expects. */
function bodyOf(logicalId: string): { widgets: Widget[] } {
  const source = template.Resources[logicalId]?.Properties.DashboardBody['Fn::Sub'] ?? '';
  const substituted = source.replace(/\$\{([^}]+)\}/g, (whole, name: string) => VARIABLES[name] ?? whole);
  expect(substituted).not.toMatch(/\$\{/);
  return JSON.parse(substituted);
}

const DASHBOARDS: [logicalId: string, suffix: string, metrics: string[]][] = [
  [
    'BusinessDashboard',
    'business',
    ['ExpensesRecorded', 'ActiveUsers', 'ReportsGenerated', 'NotificationsDelivered'],
  ],
  [
    'HealthDashboard',
    'health',
    ['Errors', 'Duration', '5xx', 'ApproximateNumberOfMessagesVisible', 'ExecutionsFailed', 'PoisonMessages'],
  ],
  ['CostDashboard', 'cost', ['Duration', 'Invocations', 'InputTokenCount', 'ModelOutputTokens']],
];

describe('the platform dashboards', () => {
  it.each(DASHBOARDS)('%s is named for its stage', (logicalId, suffix) => {
    const dashboard = template.Resources[logicalId];

    expect(dashboard?.Type).toBe('AWS::CloudWatch::Dashboard');
    expect(dashboard?.Properties.DashboardName).toBe(`spendwise-\${sls:stage}-${suffix}`);
  });

  it.each(DASHBOARDS)('%s has a body that is valid JSON once substituted', (logicalId) => {
    expect(bodyOf(logicalId).widgets.length).toBeGreaterThan(0);
  });

  it.each(DASHBOARDS)('%s shows the metrics it is for', (logicalId, _suffix, metrics) => {
    const text = JSON.stringify(bodyOf(logicalId));

    for (const metric of metrics) expect(text).toContain(metric);
  });

  it.each(DASHBOARDS)(
    '%s places every widget on the 24-column grid, metrics in the stack region',
    (logicalId) => {
      for (const widget of bodyOf(logicalId).widgets) {
        expect(widget.x + widget.width).toBeLessThanOrEqual(24);
        if (widget.type === 'metric') expect(widget.properties.region).toBe('eu-west-1');
      }
    },
  );

  it('labels the Lambda GB-s figures with the memory they assume', () => {
    const text = JSON.stringify(bodyOf('CostDashboard'));

    expect(text).toContain('/ 1000 * 0.25');
    expect(text).toContain('256 MB assumed');
  });

  it('is included by the platform service', () => {
    const service = read('serverless.yml');

    for (const [logicalId] of DASHBOARDS) {
      expect(service).toContain(`${logicalId}: \${file(resources/dashboards.yml):Resources.${logicalId}}`);
    }
  });
});
