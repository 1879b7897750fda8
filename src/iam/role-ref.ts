import { UserError } from '../errors.js';

/** A role as the user names it: `web-github-deploy` or `arn:aws:iam::123456789012:role/path/web-github-deploy`. */
export interface RoleRef {
  /** The role name: the ARN's last path segment. */
  readonly name: string;
  readonly arn?: string;
}

// IAM API Reference, Role: RoleName matches [\w+=,.@-]+, 1 to 64 characters; a role ARN is arn:PARTITION:iam::ACCOUNT:role/PATH/NAME.
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_ARN = /^arn:aws(?:-cn|-us-gov|-iso[a-z-]*)?:iam::\d{12}:role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/;

export function parseRoleRef(text: string, flag: string): RoleRef {
  const value = text.trim();
  const arn = ROLE_ARN.exec(value);
  if (arn?.[1]) return { name: arn[1], arn: value };
  if (ROLE_NAME.test(value)) return { name: value };
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
  const name = ROLE_ARN.exec(recorded)?.[1];
  return name !== undefined && name.toLowerCase() === ref.name.toLowerCase();
}
