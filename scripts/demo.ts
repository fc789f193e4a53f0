/**
 * `pnpm demo [--data-dir DIR]`: the Spendwise story against the running local system (`pnpm start` in another
 * terminal; the same `--data-dir` when it was started with one). A fresh demo user each run, so it can be
 * repeated on the same local data.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { control } from '../packages/local-cloud/src/cli/control';
import { readEndpoints } from '../packages/local-cloud/src/cli/endpointsFile';
import { buildClient } from './demo/client';
import { runDemoStory } from './demo/story';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
const dataDir = values['data-dir']
  ? resolve(values['data-dir'])
  : fileURLToPath(new URL('../.local-cloud', import.meta.url));

const bold = (text: string) => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[22m` : text);

async function main(): Promise<void> {
  const endpoints = await readEndpoints(dataDir);
  await control(dataDir, 'GET', 'health');
  const user = `demo-${new Date()
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14)}`;
  const { token } = await control<{ token: string }>(dataDir, 'POST', 'token', { user });
  const email = `${user}@example.com`;
  process.stdout.write(`Spendwise demo as user ${bold(user)} against ${endpoints.awsEndpoint}\n`);

  const started = performance.now();
  // Retries as a real client would; every answer checked against the OpenAPI documents.
  const client = buildClient(endpoints.apis, token, { validateResponses: true, retries: 2 });
  const outcome = await runDemoStory({
    client,
    email,
    outboxDir: endpoints.outbox,
    // Each step waits until the local cloud has finished what the previous ones started.
    settle: async () => {
      await control(dataDir, 'POST', 'settle', { timeoutMs: 120_000 });
    },
    narrate: (title, lines) => {
      process.stdout.write(`\n${bold(title)}\n${lines.map((line) => `   ${line}`).join('\n')}\n`);
    },
  });
  process.stdout.write(
    `\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s: ${outcome.expenses.length} expenses, ` +
      `${outcome.inbox.length} inbox items, ${outcome.emails.length} e-mails, report by ${outcome.report.source}; ` +
      `${client.answersChecked()} answers matched the OpenAPI documents.\n` +
      `Look around: pnpm exec spendwise-local events tail · queues · executions · alarms; e-mails in ${endpoints.outbox}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`\npnpm demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
