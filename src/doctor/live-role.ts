import type { Role } from '@aws-sdk/client-iam';
import type { HatobaConfig } from '../config/resolve.js';
import { message } from '../i18n/message.js';
import { getRole } from '../iam/get-role.js';
import { deployRoleArn, managesDeployRole } from '../naming.js';
import { type CheckResult, type CheckText, type DoctorInput, fail } from './check.js';

/** The deploy role as IAM has it (GetRole), or the failure saying it does not exist. */
export async function readDeployRole(input: DoctorInput, id: string): Promise<Role | CheckResult> {
  const arn = deployRoleArn(input.config);
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  const role = await getRole(input.clients.iam, name);
  if (role !== undefined) return role;
  const fix = message(
    managesDeployRole(input.config) ? 'deploy-role.missing.fix.up' : 'deploy-role.missing.fix.role-arn',
  );
  return fail(id, message('deploy-role.missing', { arn }), fix);
}

/**
 * How to put the generated policy on the deploy role: `hatoba up` when hatoba manages it; for a role named by
 * `github.roleArn`, which up leaves alone, the user updates it with what `hatoba policy` prints.
 */
export function roleFix(config: HatobaConfig, policy: 'trust' | 'permissions', up: CheckText): CheckText {
  if (managesDeployRole(config)) return up;
  return message(policy === 'trust' ? 'deploy-role.update.trust' : 'deploy-role.update.permissions');
}

export function isResult(value: Role | CheckResult): value is CheckResult {
  return 'status' in value;
}
