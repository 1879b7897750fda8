import { GetRoleCommand, type IAMClient, type Role } from '@aws-sdk/client-iam';

/**
 * The role as IAM has it, or undefined when there is none. GetRole (IAM API Reference), Errors: NoSuchEntity, HTTP
 * 404 (the JS SDK names it NoSuchEntityException); its AssumeRolePolicyDocument is URL-encoded (RFC 3986), which
 * parsePolicyText decodes. Every other failure is the caller's to translate.
 */
export async function getRole(iam: IAMClient, roleName: string): Promise<Role | undefined> {
  try {
    const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    return role;
  } catch (error) {
    if (['NoSuchEntity', 'NoSuchEntityException'].includes(String((error as { name?: unknown }).name))) {
      return undefined;
    }
    throw error;
  }
}
