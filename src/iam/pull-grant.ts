import { crossAccountEnvironments } from '../config/account-environments.js';
import type { HatobaConfig } from '../config/resolve.js';
import { resourceArns } from '../naming.js';
import type { PolicyDocumentJson, PolicyStatementJson } from './policy.js';

/**
 * What pulling an image takes on the repository (Using Amazon ECR images with Amazon ECS: BatchGetImage and
 * GetDownloadUrlForLayer; the Amazon ECR repository policy examples' cross-account pull adds
 * BatchCheckLayerAvailability). GetAuthorizationToken is not a repository action: each execution role has it.
 */
export const ECR_PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];

/**
 * The build account's repository policy: each other account's environments may pull, and only through their task
 * execution roles. Cross-account access needs both sides (IAM policy evaluation: the identity policy in the caller's
 * account and the resource policy in the repository's), and the execution role's own policy names the repository.
 *
 * The principal is the account (`arn:…:iam::<account>:root`) with an `aws:PrincipalArn` condition naming the role,
 * not the role itself: AWS JSON policy elements: Principal (IAM User Guide) says a role ARN in a Principal is
 * resolved to the role's unique id when the policy is saved, so a role that does not exist yet is rejected as an
 * invalid principal, and a role deleted and re-created (e.g. by `down` then `up` of that environment) silently loses
 * access. The condition key is compared by ARN at request time (AWS global condition context keys: for a role
 * session, aws:PrincipalArn is the role's ARN), so the build account can be updated before or after the other
 * account's service stack. Undefined when no environment lives outside the build account.
 *
 * Another Region needs nothing more: the task definition names the build account's registry by its Regional URI
 * (`<account>.dkr.ecr.<region>.amazonaws.com`, Amazon ECR endpoints), which ECS pulls from wherever the task runs;
 * the layers then cross Regions at every task start, billed as inter-Region data transfer (docs/up.md says so).
 */
export function crossAccountPullPolicy(environments: readonly HatobaConfig[]): PolicyDocumentJson | undefined {
  const byAccount = new Map<string, HatobaConfig[]>();
  for (const each of crossAccountEnvironments(environments)) {
    byAccount.set(each.aws.account, [...(byAccount.get(each.aws.account) ?? []), each]);
  }
  if (byAccount.size === 0) return undefined;
  const statements = [...byAccount].map(([account, members]): PolicyStatementJson => {
    const partition = members[0]?.aws.partition ?? 'aws';
    const roles = members.map((each) => resourceArns(each).executionRole);
    return {
      Sid: `PullFrom${account}`,
      Effect: 'Allow',
      Principal: { AWS: `arn:${partition}:iam::${account}:root` },
      Action: ECR_PULL_ACTIONS,
      Condition: { ArnEquals: { 'aws:PrincipalArn': roles.length === 1 ? (roles[0] as string) : roles } },
    };
  });
  return { Version: '2012-10-17', Statement: statements };
}
