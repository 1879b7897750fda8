import { describeValue } from '../quote.js';

/**
 * CreateRole (IAM API Reference): RoleName is 1–64 characters of `[\w+=,.@-]`; Path is `/` or `/…/` with ASCII
 * `!` (U+0021) to `~` (U+007E) in between, at most 512 characters.
 */
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_PATH = /^\/(?:[\u0021-\u007e]*\/)?$/;
const MAX_PATH = 512;

export interface RoleArn {
  readonly partition: string;
  readonly account: string;
  /** `/` or `/path/` */
  readonly path: string;
  readonly name: string;
}

/** `arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME` (IAM identifiers), or the reason it is not one. */
export function parseRoleArn(value: string): RoleArn | { problem: string } {
  const example = 'arn:aws:iam::123456789012:role/Githubactions-to-ECR-role';
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    return { problem: `${describeValue(value)} is not an ARN (expected e.g. ${example})` };
  }
  const [, partition = '', service, region, account = '', ...rest] = parts;
  const resource = rest.join(':');
  if (service !== 'iam' || region !== '') {
    return { problem: `${describeValue(value)} is not an IAM ARN (arn:PARTITION:iam::ACCOUNT:role/NAME)` };
  }
  if (!/^\d{12}$/.test(account)) {
    return { problem: `${describeValue(value)} has no 12-digit account id between the colons` };
  }
  const slash = resource.indexOf('/');
  const type = slash < 0 ? resource : resource.slice(0, slash);
  if (type !== 'role') {
    return {
      problem:
        `${describeValue(value)} is an IAM ${type || 'ARN'} ARN, not a role: GitHub Actions assumes a role ` +
        `(arn:${partition}:iam::${account}:role/NAME)`,
    };
  }
  const pathAndName = resource.slice(slash);
  const last = pathAndName.lastIndexOf('/');
  const path = pathAndName.slice(0, last + 1);
  const name = pathAndName.slice(last + 1);
  if (!ROLE_NAME.test(name)) {
    return {
      problem: `role name ${describeValue(name)} is not valid (IAM: 1–64 letters, digits and + = , . @ _ -)`,
    };
  }
  if (path.length > MAX_PATH || !ROLE_PATH.test(path)) {
    return {
      problem: `role path ${describeValue(path)} is not valid (IAM: / or /…/ of printable ASCII, at most ${MAX_PATH} characters)`,
    };
  }
  return { partition, account, path, name };
}
