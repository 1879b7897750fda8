import { GetRoleCommand, NoSuchEntityException, type Role } from '@aws-sdk/client-iam';
import { deployRoleArn } from '../naming.js';
import { type CheckResult, type DoctorInput, fail } from './check.js';

/** The deploy role as IAM has it (GetRole), or the failure saying it does not exist. */
export async function readDeployRole(input: DoctorInput, id: string): Promise<Role | CheckResult> {
  const arn = deployRoleArn(input.config);
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  try {
    const { Role: role } = await input.clients.iam.send(new GetRoleCommand({ RoleName: name }));
    if (role !== undefined) return role;
  } catch (error) {
    // IAM GetRole: NoSuchEntity "The request was rejected because it referenced a resource entity that does not exist".
    if (!(error instanceof NoSuchEntityException)) throw error;
  }
  return fail(id, `the deploy role ${arn} does not exist`, 'Run `hatoba up` to create it.');
}

export function isResult(value: Role | CheckResult): value is CheckResult {
  return 'status' in value;
}
