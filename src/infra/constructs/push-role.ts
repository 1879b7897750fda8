import { Construct } from 'constructs';
import type { PolicyDocumentJson } from '../../iam/policy.js';
import { DeployRole } from './deploy-role.js';

export interface PushRoleProps {
  /** `<app>-github-push`: the build job's AWS_PUSH_ROLE_ARN. */
  readonly roleName: string;
  /** `pushTrustPolicy` (src/iam/trust.ts): the configured branches and tags, never a GitHub environment. */
  readonly trustPolicy: PolicyDocumentJson;
  /** `pushPermissionsPolicy` (src/iam/permissions.ts): registry login and push to the one repository. */
  readonly permissionsPolicy: PolicyDocumentJson;
  /** Why each wildcard statement (by Sid) is still least privilege (cdk-nag AwsSolutions-IAM5). */
  readonly wildcardReasons: Readonly<Record<string, string>>;
}

/**
 * With `environments`: the role the build job assumes in the build account to push the one image every environment
 * deploys. It can push to the repository and nothing else; deploying is each environment's deploy role's job. The
 * role is the deploy role's kind (OIDC trust, verbatim policies), only with other documents.
 */
export class PushRole extends Construct {
  readonly roleArn: string;
  readonly roleName: string;

  constructor(scope: Construct, id: string, props: PushRoleProps) {
    super(scope, id);
    const role = new DeployRole(this, 'Role', {
      roleName: props.roleName,
      description: 'Assumed by the GitHub Actions build job (OIDC) to push images to the one repository',
      trustPolicy: props.trustPolicy,
      permissionsPolicy: props.permissionsPolicy,
      policyName: 'push',
      wildcardReasons: props.wildcardReasons,
    });
    this.roleArn = role.roleArn;
    this.roleName = role.roleName;
  }
}
