import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { type EnvironmentResources, functionChecks, sourceOperations } from './functionCalls';

const where = { region: 'eu-west-1', accountId: '000000000000' };
const none: EnvironmentResources = {
  dynamodb: [],
  idempotency: [],
  s3: [],
  sqs: [],
  sns: [],
  events: [],
  states: [],
  lambda: [],
  ssm: [],
  secretsmanager: [],
  bedrock: [],
};

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iam-source-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('sourceOperations', () => {
  it('follows imports from the handler and names the commands each file constructs, with its client', () => {
    const dir = fixture({
      'handler.ts':
        "import { store } from './store';\nimport { publish } from '@spendwise/kit/topic';\nexport const handler = store;",
      'store.ts': [
        "import { GetCommand, TransactWriteCommand as Tx } from '@aws-sdk/lib-dynamodb';",
        'export const store = async (c) => {',
        '  await c.send(new GetCommand({}));',
        '  await c.send(new Tx({ TransactItems: [{ Put: {} }, { ConditionCheck: {} }] }));',
        '};',
      ].join('\n'),
      'kit/topic.ts':
        "import { PublishCommand } from '@aws-sdk/client-sns';\nimport { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';\nexport const publish = (c) => c.send(new PublishCommand({}));",
      'unused.ts': "import { ScanCommand } from '@aws-sdk/lib-dynamodb';\nnew ScanCommand({});",
    });
    const found = sourceOperations(join(dir, 'handler.ts'), (specifier) =>
      specifier === '@spendwise/kit/topic' ? join(dir, 'kit/topic.ts') : undefined,
    );
    expect(
      found.map(({ service, operation, items, utility }) => ({ service, operation, items, utility })),
    ).toEqual([
      { service: 'dynamodb', operation: 'DeleteItem', items: undefined, utility: true },
      { service: 'dynamodb', operation: 'GetItem', items: undefined, utility: undefined },
      { service: 'dynamodb', operation: 'GetItem', items: undefined, utility: true },
      { service: 'dynamodb', operation: 'PutItem', items: undefined, utility: true },
      {
        service: 'dynamodb',
        operation: 'TransactWriteItems',
        items: ['Put', 'ConditionCheck'],
        utility: undefined,
      },
      { service: 'dynamodb', operation: 'UpdateItem', items: undefined, utility: true },
      { service: 'sns', operation: 'Publish', items: undefined, utility: undefined },
    ]);
  });
});

describe('functionChecks', () => {
  it('checks a transaction as the item operations its file uses, on the tables the environment names', () => {
    const checks = functionChecks(
      { service: 'dynamodb', operation: 'TransactWriteItems', items: ['Put', 'ConditionCheck'] },
      { ...none, dynamodb: ['expenses'] },
      where,
    );
    expect(checks.map((c) => `${c.action} ${c.resource}`)).toEqual([
      'dynamodb:PutItem arn:aws:dynamodb:eu-west-1:000000000000:table/expenses',
      'dynamodb:ConditionCheckItem arn:aws:dynamodb:eu-west-1:000000000000:table/expenses',
    ]);
  });

  it('checks idempotency records on the idempotency table only, and says when the environment names nothing', () => {
    const idempotency = functionChecks(
      { service: 'dynamodb', operation: 'UpdateItem', utility: true },
      { ...none, dynamodb: ['expenses'], idempotency: ['idem'] },
      where,
    );
    expect(idempotency.map((c) => c.resource)).toEqual([
      'arn:aws:dynamodb:eu-west-1:000000000000:table/idem',
    ]);
    const unknown = functionChecks({ service: 'sns', operation: 'Publish' }, none, where);
    expect(unknown).toEqual([
      expect.objectContaining({ action: 'sns:Publish', resource: '*', unresolved: expect.any(String) }),
    ]);
  });
});
