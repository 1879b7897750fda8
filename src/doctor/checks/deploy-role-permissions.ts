import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  type IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { message } from '../../i18n/message.js';
import { deployAuthorizations } from '../../iam/deploy-authorizations.js';
import { actionMatch } from '../../iam/match.js';
import { deployPermissionsPolicy } from '../../iam/permissions.js';
import { parsePolicyText } from '../../iam/policy.js';
import { deployRoleArn } from '../../naming.js';
import { type CheckResult, type DoctorCheck, type DoctorInput, fail, ok, warn } from '../check.js';
import { isResult, readDeployRole, roleFix } from '../live-role.js';

/**
 * What the deploy role may do, asked of IAM itself: every authorization `hatoba deploy` and the image push need
 * (src/iam/deploy-authorizations.ts) through SimulatePrincipalPolicy on the role, and the actions its own policies
 * grant beyond the generated policy.
 */
export const deployRolePermissions: DoctorCheck = {
  id: 'deploy-role.permissions',
  async run(input) {
    const role = await readDeployRole(input, this.id);
    if (isResult(role)) return [role];
    return [await simulated(input), await extraActions(input, role.RoleName ?? '')];
  },
};

async function simulated({ config, clients }: DoctorInput): Promise<CheckResult> {
  const id = 'deploy-role.permissions';
  const roleArn = deployRoleArn(config);
  const missing: string[] = [];
  // SimulatePrincipalPolicy (IAM API Reference): PolicySourceArn, ActionNames, ResourceArns, ContextEntries of
  // ContextKeyName/ContextKeyValues/ContextKeyType; one EvaluationResult per action, EvalDecision allowed |
  // explicitDeny | implicitDeny. One request per authorization, as each needs its own resource and context.
  for (const need of deployAuthorizations(config)) {
    const result = await clients.iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: roleArn,
        ActionNames: [need.action],
        ResourceArns: [need.resource],
        ContextEntries: Object.entries(need.context).map(([name, value]) => ({
          ContextKeyName: name,
          ContextKeyValues: [value],
          ContextKeyType: 'string',
        })),
      }),
    );
    for (const evaluation of result.EvaluationResults ?? []) {
      if (evaluation.EvalDecision === 'allowed') continue;
      const on = need.resource === '*' ? '' : ` on ${need.resource}`;
      missing.push(`${need.action}${on} (${evaluation.EvalDecision ?? 'denied'})`);
    }
  }
  if (missing.length > 0) {
    return fail(
      id,
      message(missing.length === 1 ? 'deploy-role.permissions.missing.one' : 'deploy-role.permissions.missing', {
        count: missing.length,
        actions: missing.map((m) => m.split(' ')[0]).join(', '),
      }),
      roleFix(config, 'permissions', message('deploy-role.permissions.fix')),
      missing,
    );
  }
  return ok(id, message('deploy-role.permissions'));
}

async function extraActions({ config, clients }: DoctorInput, roleName: string): Promise<CheckResult> {
  const id = 'deploy-role.extra-permissions';
  const granted = await grantedActions(clients.iam, roleName);
  const needed = deployPermissionsPolicy(config).Statement.flatMap((s) => s.Action ?? []);
  // An action is extra when it is not one the generated policy names; `ecs:*` is extra even though it covers some.
  const extra = [...new Set(granted)].filter((pattern) => !needed.some((action) => actionMatch(action, pattern)));
  if (extra.length > 0) {
    return warn(
      id,
      message(extra.length === 1 ? 'deploy-role.extra-permissions.found.one' : 'deploy-role.extra-permissions.found', {
        count: extra.length,
        actions: extra.join(', '),
      }),
      message('deploy-role.extra-permissions.fix'),
    );
  }
  return ok(id, message('deploy-role.extra-permissions'));
}

/** Actions of the Allow statements of the role's inline and attached policies (each managed policy's default version). */
async function grantedActions(iam: IAMClient, roleName: string): Promise<string[]> {
  const documents: string[] = [];
  const inline = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
  for (const name of inline.PolicyNames ?? []) {
    const policy = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }));
    documents.push(policy.PolicyDocument ?? '');
  }
  const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
  for (const { PolicyArn } of attached.AttachedPolicies ?? []) {
    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn }));
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn, VersionId: Policy?.DefaultVersionId }));
    documents.push(version.PolicyVersion?.Document ?? '');
  }
  return documents.flatMap((text) =>
    parsePolicyText(text, `a policy of role ${roleName}`)
      .policy.statements.filter((s) => s.effect === 'Allow')
      .flatMap((s) => s.action ?? []),
  );
}
