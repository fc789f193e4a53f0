import { join } from 'node:path';
import type { LocalCloud } from '../../core/context';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../../core/resources';
import { extractBundle } from '../spec/bundle';
import type { FunctionSpec } from '../spec/FunctionSpec';
import { parseFunction } from '../spec/parseFunction';
import type { Reporter } from './reporter';

/** What the function provider needs of the engine. */
export interface FunctionDeployer {
  deploy(spec: FunctionSpec): void;
}

/** The Node.js the workers run on: the project's pinned Node.js 24 under `pnpm start` / `npm start`. */
const hostNodeMajor = Number(process.versions.node.split('.')[0]);

/** Warns (once per run) that functions see the host's time zone: worker threads cannot have their own. */
function warnTimeZone(ctx: LocalCloud, warned: { timeZone?: boolean }): void {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (warned.timeZone || /(^|\/)UTC$/.test(zone)) return;
  warned.timeZone = true;
  ctx.log(`lambda: functions run in the host time zone ${zone}, not UTC; start the local cloud with TZ=UTC`);
}

async function createFunction(
  resource: ResolvedResource,
  ctx: LocalCloud,
  deps: { engine: FunctionDeployer; reporter: Reporter; warned: { timeZone?: boolean } },
): Promise<CreatedResource> {
  const parsed = parseFunction(resource, ctx.config);
  const { spec } = parsed;
  for (const issue of parsed.issues) deps.reporter.report(ctx, resource, issue.property, issue.reason);
  const runtimeMajor = /^nodejs(\d+)\.x$/.exec(spec.runtime)?.[1];
  if (runtimeMajor && Number(runtimeMajor) !== hostNodeMajor) {
    // Only when started outside the project's Node.js (e.g. `node packages/local-cloud/bin/local-cloud.mjs`).
    const reason = `${spec.runtime} runs on Node.js ${process.versions.node} (every function of this stack): start with pnpm start or npm start for the project's Node.js 24`;
    deps.reporter.report(ctx, resource, 'Runtime', reason, `runtime:${resource.stack}:${spec.runtime}`);
  }
  warnTimeZone(ctx, deps.warned);
  const codeDir = join(ctx.config.dataDir, 'functions', resource.stack, spec.name);
  if (parsed.zipPath) await extractBundle(parsed.zipPath, codeDir);
  deps.engine.deploy({ ...spec, codeDir });
  return { ref: spec.name, attributes: { Arn: spec.arn } };
}

/**
 * AWS::Lambda::Function: extracts the packaged zip (`<stackDir>/.serverless/<basename of Code.S3Key>`) once per
 * content under `<dataDir>/functions/<stack>/<FunctionName>/` and deploys it. Ref is the name; GetAtt Arn.
 */
export function functionProvider(engine: FunctionDeployer, reporter: Reporter): ResourceProvider {
  const warned = {};
  return {
    types: ['AWS::Lambda::Function'],
    create: (resource, ctx) => createFunction(resource, ctx, { engine, reporter, warned }),
  };
}
