import type { HatobaConfig } from '../config/resolve.js';
import { managesDeployRole, resourceNames } from '../naming.js';

/** Name of the inline policy hatoba's permissions go in, next to whatever else the role already has. */
export const EXISTING_ROLE_POLICY_NAME = 'hatoba-deploy';

/**
 * How to give a role hatoba does not manage (`github.roleArn`) the policies `hatoba policy` prints. Printed for the
 * user to run, never run by hatoba. Undefined when hatoba creates the role itself.
 * - "update-assume-role-policy" (AWS CLI Command Reference): `--role-name`, `--policy-document` (JSON, file:// works);
 *   it replaces the role's whole trust policy.
 * - "put-role-policy" (AWS CLI Command Reference): `--role-name`, `--policy-name`, `--policy-document`; it adds or
 *   replaces one inline policy and leaves the role's other policies alone.
 */
export function existingRoleCommands(config: HatobaConfig): string[] | undefined {
  if (managesDeployRole(config)) return undefined;
  // The schema allows only [\w+=,.@-] in role names (CreateRole): nothing a shell would expand.
  const role = resourceNames(config).deployRoleName;
  const policy = 'hatoba policy --json';
  return [
    `${policy} | jq .trustPolicy > trust-policy.json`,
    `${policy} | jq .permissionsPolicy > permissions-policy.json`,
    `aws iam update-assume-role-policy --role-name ${role} --policy-document file://trust-policy.json`,
    `aws iam put-role-policy --role-name ${role} --policy-name ${EXISTING_ROLE_POLICY_NAME} --policy-document file://permissions-policy.json`,
  ];
}
