import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from '@jest/globals';
import { idempotentHandler } from '../../../src/sqs/idempotentHandler';
import { InMemoryPersistenceLayer, lambdaContext, sqsEvent } from '../../../src/testing';
import { expenseRecorded } from '../../fixtures/events';

const meta = () => ({ record: sqsEvent([{ body: '{}' }]).Records[0]!, context: lambdaContext() });

/** A real DynamoDB client whose requests never leave the process: each command is recorded and answered empty. */
const recordingClient = () => {
  const commands: { name: string; input: Record<string, unknown> }[] = [];
  const client = new DynamoDBClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      commands.push({ name: String(context.commandName), input: args.input as Record<string, unknown> });
      return { output: { $metadata: {} }, response: {} };
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  return { client, commands };
};

/** Builds the handler and registers an invocation, as sqsEventConsumer does before each batch. */
const build = (...args: Parameters<typeof idempotentHandler<ReturnType<typeof expenseRecorded>>>) => {
  const built = idempotentHandler(...args);
  built.registerInvocation(lambdaContext());
  return built;
};

describe('idempotentHandler', () => {
  it('returns the stored result for a repeated event id without applying it again', async () => {
    let applied = 0;
    const { handle } = build(
      async () => {
        applied += 1;
        return { applied };
      },
      { persistenceStore: new InMemoryPersistenceLayer() },
    );

    await handle(expenseRecorded('evt-1'), meta());
    const replay = await handle(expenseRecorded('evt-1'), meta());

    expect(applied).toBe(1);
    expect(replay).toEqual({ applied: 1 });
  });

  it('tells about a skipped duplicate', async () => {
    const duplicates: string[] = [];
    const { handle } = build(
      async () => undefined,
      { persistenceStore: new InMemoryPersistenceLayer() },
      () => duplicates.push('skipped'),
    );

    await handle(expenseRecorded('evt-1'), meta());
    await handle(expenseRecorded('evt-1'), meta());

    expect(duplicates).toEqual(['skipped']);
  });

  it('keys on the event id only, so a retried event with a new envelope is still a duplicate', async () => {
    let applied = 0;
    const { handle } = build(
      async () => {
        applied += 1;
      },
      { persistenceStore: new InMemoryPersistenceLayer() },
    );

    await handle({ ...expenseRecorded('evt-1'), id: 'eb-first' }, meta());
    await handle({ ...expenseRecorded('evt-1'), id: 'eb-second' }, meta());

    expect(applied).toBe(1);
  });

  it('claims the event id in the configured DynamoDB table through the given client', async () => {
    const { client, commands } = recordingClient();
    const { handle } = build(async () => undefined, { tableName: 'insights-idempotency', client });

    await handle(expenseRecorded('evt-1'), meta());

    expect(commands.map((command) => command.name)).toEqual(['PutItemCommand', 'UpdateItemCommand']);
    expect(commands[0]?.input).toMatchObject({ TableName: 'insights-idempotency' });
  });

  it('calls the handler directly when idempotency is off', async () => {
    let applied = 0;
    const { handle } = build(async () => {
      applied += 1;
    }, false);

    await handle(expenseRecorded('evt-1'), meta());
    await handle(expenseRecorded('evt-1'), meta());

    expect(applied).toBe(2);
  });
});
