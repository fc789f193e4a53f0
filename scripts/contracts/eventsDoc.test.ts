import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventsDocProblem, generateEventsDoc } from './eventsDoc';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('docs/events.md', () => {
  it('is what the generator writes now (run `pnpm events:doc` after changing an event or a rule)', () => {
    const expected = generateEventsDoc(root);

    const problem = eventsDocProblem(root, expected);

    expect(problem ?? 'up to date').toBe('up to date');
  });

  it('comes out the same on every run', () => {
    const first = generateEventsDoc(root);

    const second = generateEventsDoc(root);

    expect(second).toBe(first);
  });
});

function eventSchema(detailType: string, description: string): object {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://schemas.spendwise.dev/events/things/${detailType}.v1.schema.json`,
    title: `${detailType}V1`,
    description: `The detail of ${detailType} v1: ${description}`,
    'x-spendwise': { source: 'spendwise.things', detailType, version: 1 },
    type: 'object',
    required: ['metadata', 'data'],
    properties: {
      metadata: { type: 'object' },
      data: {
        title: `${detailType}V1Data`,
        type: 'object',
        required: ['thingId'],
        properties: { thingId: { type: 'string', description: 'Which thing' }, sizes: { type: 'array' } },
      },
    },
  };
}

const watchers = `
service: spendwise-watchers
functions:
  watchThings:
    handler: src/functions/watchThings/handler.handler
    events:
      - sqs: { arn: !GetAtt ThingsQueue.Arn }
resources:
  Resources:
    ThingsQueue:
      Type: AWS::SQS::Queue
      Properties: { QueueName: "\${self:service}-\${sls:stage}-things" }
    ThingsRule:
      Type: AWS::Events::Rule
      Properties:
        EventBusName: spendwise-\${sls:stage}
        EventPattern: { source: [spendwise.things], detail-type: [ThingDone] }
        Targets: [{ Id: things, Arn: !GetAtt ThingsQueue.Arn }]
`;

describe('generateEventsDoc on a small repository', () => {
  let dir: string;
  let doc: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'events-doc-'));
    const files: Record<string, string> = {
      'events/things/ThingDone.v1.schema.json': JSON.stringify(eventSchema('ThingDone', 'a thing was done.')),
      'events/things/ThingGone.v1.schema.json': JSON.stringify(
        eventSchema('ThingGone', 'a thing went. Bye.'),
      ),
      'events/things/examples/ThingDone.v1.simple.json': JSON.stringify({
        metadata: {},
        data: { thingId: 't-1', sizes: [1, 2] },
      }),
      'services/watchers/serverless.yml': watchers,
    };
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), content);
    }
    doc = generateEventsDoc(dir);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says it is generated and how to regenerate it', () => {
    expect(doc.split('\n')[0]).toMatch(/^<!-- Generated .*run `pnpm events:doc`/);
  });

  it('gives each event a row with its publisher, consumers and first sentence', () => {
    expect(doc).toContain('| [ThingDone](#thingdone-v1) | v1 | `things` | `watchers` | A thing was done. |');
    expect(doc).toContain('| [ThingGone](#thinggone-v1) | v1 | `things` | none | A thing went. |');
  });

  it('lists the rule, its queue and the function reading it under the event', () => {
    expect(doc).toContain(
      '| `watchers` | [ThingsRule](../services/watchers/serverless.yml) | SQS queue `spendwise-watchers-<stage>-things` → `watchThings` | — |',
    );
  });

  it('lists events nobody consumes', () => {
    expect(doc).toMatch(/## Published but consumed by nobody\n\n.*\n\n- \[ThingGone v1\]\(#thinggone-v1\)\n/);
  });

  it('documents the data fields and shows an example', () => {
    expect(doc).toContain('| `thingId` | string | yes | Which thing |');
    expect(doc).toContain('| `sizes` | array | no | — |');
    expect(doc).toContain(
      '```json\n{\n  "metadata": {},\n  "data": {\n    "thingId": "t-1",\n    "sizes": [1, 2]\n  }\n}\n```',
    );
  });

  it('reports a stale file with the command that fixes it', () => {
    mkdirSync(join(dir, 'docs'), { recursive: true });
    writeFileSync(join(dir, 'docs/events.md'), doc.replace('Which thing', 'Old words'));

    const problem = eventsDocProblem(dir, doc);

    expect(problem).toMatch(/docs\/events\.md is out of date from line \d+ .*: run pnpm events:doc$/);
  });
});
