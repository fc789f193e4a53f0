// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation ${…} placeholders, not JS templates
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parseCfnYaml } from '../contracts/cfnYaml';

// infra/ci/ci-stack.yml, parsed with the CloudFormation short-form tags as long-form objects (`!Sub x` →
// `{ 'Fn::Sub': 'x' }`), the way the contract scripts read the services' resources; through JSON so a tagged
// sequence is a plain array.
const file = fileURLToPath(new URL('../../infra/ci/ci-stack.yml', import.meta.url));
const template = JSON.parse(JSON.stringify(parseCfnYaml(readFileSync(file, 'utf8')))) as {
  Resources: Record<string, { Type: string; Condition?: string; Properties: Record<string, unknown> }>;
};

interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
  Principal?: { Federated: unknown };
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
/** A resource ARN as text: `!Sub` strings as written, `'*'` as itself. */
const arnText = (resource: unknown): string =>
  typeof resource === 'string' ? resource : String((resource as { 'Fn::Sub': string })['Fn::Sub']);

const resources = Object.entries(template.Resources);
const policyStatements: Statement[] = resources
  .filter(([, r]) => r.Type === 'AWS::IAM::ManagedPolicy' || r.Type === 'AWS::IAM::Policy')
  .flatMap(([, r]) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
const roles = resources.filter(([, r]) => r.Type === 'AWS::IAM::Role');
const stageOf = (props: Record<string, unknown>) =>
  (props.Tags as { Key: string; Value: string }[]).find((t) => t.Key === 'SpendwiseStage')?.Value;

describe('the ci stack', () => {
  it('has the policy, two GitHub roles and two GitLab roles, all on optional providers', () => {
    expect(policyStatements.length).toBeGreaterThan(10);
    expect(roles.map(([id, r]) => `${id}:${r.Condition}`)).toEqual([
      'GitHubDeployRoleStaging:HasGitHub',
      'GitHubDeployRoleProd:HasGitHub',
      'GitLabDeployRoleStaging:HasGitLab',
      'GitLabDeployRoleProd:HasGitLab',
    ]);
    expect(template.Resources.GitHubOidcProvider).toMatchObject({
      Condition: 'CreateGitHubProvider',
      Properties: { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] },
    });
    expect(template.Resources.GitLabOidcProvider?.Condition).toBe('CreateGitLabProvider');
  });

  it('never allows every action, nor a whole service, on every resource', () => {
    for (const statement of policyStatements.filter((s) => s.Effect === 'Allow')) {
      const actions = list(statement.Action);
      const everywhere = list(statement.Resource).some((r) => r === '*');
      expect(actions).not.toContain('*');
      if (everywhere) {
        expect({ sid: statement.Sid, wildcards: actions.filter((a) => a.includes('*')) }).toEqual({
          sid: statement.Sid,
          wildcards: [],
        });
      }
    }
  });

  it('scopes every named resource to the calling role’s stage', () => {
    const byId = new Set(['ResourcesNamedById', 'Backups', 'EdgeWebAcl', 'ServiceLinkedRolesForWafLogging']);
    const unscoped = policyStatements
      .filter((s) => s.Effect === 'Allow' && !byId.has(s.Sid ?? ''))
      .flatMap((s) => list(s.Resource).map((r) => ({ sid: s.Sid, arn: arnText(r) })))
      .filter(({ arn }) => arn !== '*' && !arn.includes('${!aws:PrincipalTag/SpendwiseStage}'))
      .map(({ sid, arn }) => `${sid}: ${arn}`);

    // Change sets are named by the planner (spendwise-plan-…) and osls (<stack>-change-set): authorised on the
    // stack, which is stage-scoped, as well.
    expect(unscoped).toEqual([
      'StacksAndChangeSets: arn:${AWS::Partition}:cloudformation:*:${AWS::AccountId}:changeSet/spendwise-*/*',
    ]);
  });

  it('passes roles only to the services that use them, and only the project’s roles', () => {
    const passRole = policyStatements.filter((s) =>
      list(s.Action).some((a) => a === 'iam:PassRole' || a === 'iam:*'),
    );

    expect(passRole).toHaveLength(1);
    const [statement] = passRole;
    expect(statement!.Condition?.StringEquals?.['iam:PassedToService']).toEqual(
      expect.arrayContaining(['lambda.amazonaws.com', 'states.amazonaws.com']),
    );
    for (const resource of list(statement!.Resource)) {
      expect(arnText(resource)).toMatch(/:role\/spendwise-/);
    }
  });

  it('names the deploy roles outside the patterns they manage, so a role cannot edit itself', () => {
    const managed = policyStatements
      .filter((s) => s.Sid === 'ServiceRoles')
      .flatMap((s) => list(s.Resource).map(arnText))
      .map((arn) => arn.slice(arn.indexOf(':role/') + ':role/'.length));
    const asRegExp = (pattern: string) =>
      new RegExp(
        `^${pattern.replace('${!aws:PrincipalTag/SpendwiseStage}', '(staging|prod)').replaceAll('*', '.*')}$`,
      );

    for (const [, role] of roles) {
      const name = role.Properties.RoleName as string;
      expect(managed.some((pattern) => asRegExp(pattern).test(name))).toBe(false);
    }
  });

  it('trusts GitHub tokens of this repository’s environment only, in both subject forms, for STS', () => {
    for (const id of ['GitHubDeployRoleStaging', 'GitHubDeployRoleProd']) {
      const props = template.Resources[id]!.Properties;
      const stage = stageOf(props);
      const [trust] = (props.AssumeRolePolicyDocument as { Statement: Statement[] }).Statement;
      const equals = trust!.Condition?.StringEquals ?? {};
      const subjects = JSON.stringify(equals['token.actions.githubusercontent.com:sub']);

      expect(list(trust!.Action)).toEqual(['sts:AssumeRoleWithWebIdentity']);
      expect(Object.keys(trust!.Condition ?? {})).toEqual(['StringEquals']);
      expect(equals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
      expect(subjects).toContain(`repo:\${GitHubOwner}/\${GitHubRepo}:environment:${stage}`);
      expect(subjects).toContain(
        `repo:\${GitHubOwner}@\${GitHubOwnerId}/\${GitHubRepo}@\${GitHubRepoId}:environment:${stage}`,
      );
      expect(subjects).not.toContain('*');
    }
  });

  it('trusts GitLab tokens of this project’s main branch only, for STS', () => {
    for (const id of ['GitLabDeployRoleStaging', 'GitLabDeployRoleProd']) {
      const [body] = (
        template.Resources[id]!.Properties.AssumeRolePolicyDocument as { 'Fn::Sub': [string, unknown] }
      )['Fn::Sub'];
      const document = JSON.parse(
        body.replaceAll('${Host}', 'gitlab.example.com').replaceAll('${Provider}', 'arn:provider'),
      ) as { Statement: Statement[] };
      const [trust] = document.Statement;

      expect(list(trust!.Action)).toEqual(['sts:AssumeRoleWithWebIdentity']);
      expect(trust!.Principal).toEqual({ Federated: 'arn:provider' });
      expect(trust!.Condition).toEqual({
        StringEquals: {
          'gitlab.example.com:aud': 'sts.amazonaws.com',
          'gitlab.example.com:sub': 'project_path:${GitLabProjectPath}:ref_type:branch:ref:main',
        },
      });
    }
  });

  it('tags each role with the stage its trust policy names', () => {
    expect(roles.map(([id, r]) => `${id}:${stageOf(r.Properties)}`)).toEqual([
      'GitHubDeployRoleStaging:staging',
      'GitHubDeployRoleProd:prod',
      'GitLabDeployRoleStaging:staging',
      'GitLabDeployRoleProd:prod',
    ]);
  });
});
