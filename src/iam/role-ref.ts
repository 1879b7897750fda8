import { parseRoleArn, ROLE_NAME } from '../config/role-arn.js';
import { UserError } from '../errors.js';

/** A role as the user names it: `web-github-deploy` or `arn:aws:iam::123456789012:role/path/web-github-deploy`. */
export interface RoleRef {
  /** The role name: the ARN's last path segment. */
  readonly name: string;
  readonly arn?: string;
}

export function parseRoleRef(text: string, flag: string): RoleRef {
  const value = text.trim();
  if (value.startsWith('arn:')) {
    const arn = parseRoleArn(value);
    if (!('problem' in arn)) return { name: arn.name, arn: value };
  } else if (ROLE_NAME.test(value)) {
    return { name: value };
  }
  throw new UserError(
    `${flag}: ${JSON.stringify(text)} is neither a role name nor a role ARN`,
    `Pass the role's name (e.g. web-github-deploy) or its ARN (arn:aws:iam::123456789012:role/web-github-deploy).`,
  );
}

/**
 * Whether a recorded role ARN is this role. Role names are unique per account regardless of case (IAM API Reference,
 * CreateRole: "Names are not distinguished by case"), so they compare case-insensitively.
 */
export function isRole(ref: RoleRef, recorded: string | undefined): boolean {
  if (recorded === undefined) return false;
  if (ref.arn !== undefined) return recorded.toLowerCase() === ref.arn.toLowerCase();
  const arn = parseRoleArn(recorded);
  return !('problem' in arn) && arn.name.toLowerCase() === ref.name.toLowerCase();
}
