import type { CheckResult, DoctorInput } from './check.js';
import { credentials } from './checks/credentials.js';
import { deployRolePermissions } from './checks/deploy-role-permissions.js';
import { deployRoleTrust } from './checks/deploy-role-trust.js';
import { ecr } from './checks/ecr.js';
import { oidcProvider } from './checks/oidc-provider.js';
import { pushRoleTrust } from './checks/push-role-trust.js';
import { logGroup, service } from './checks/service.js';
import { stacks } from './checks/stacks.js';
import { runChecks } from './run-checks.js';

/** Every check after the credentials one, in report order; they run concurrently. */
const ACCOUNT_CHECKS = [
  oidcProvider,
  deployRoleTrust,
  deployRolePermissions,
  pushRoleTrust,
  ecr,
  service,
  logGroup,
  stacks,
];

export interface DoctorReport {
  readonly checks: readonly CheckResult[];
  /** Any check failed: the exit code is 1. */
  readonly failed: boolean;
}

/**
 * `hatoba doctor`: the credentials first (which account, Region enabled); the rest only when they are hatoba.yml's
 * account, since every other answer would describe a different account.
 */
export async function runDoctor(input: DoctorInput): Promise<DoctorReport> {
  const first = await runChecks([credentials], input);
  const rest = first.every((r) => r.status === 'ok') ? await runChecks(ACCOUNT_CHECKS, input) : [];
  const checks = [...first, ...rest];
  return { checks, failed: checks.some((c) => c.status === 'fail') };
}
