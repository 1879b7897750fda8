import type * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import type { PolicyDocumentJson } from '../../iam/policy.js';

export interface CrossAccountPullProps {
  /** The build account's repository (created in the same stack). */
  readonly repository: ecr.Repository;
  /** `crossAccountPullPolicy` (src/iam/pull-grant.ts): each other account's execution roles may pull. */
  readonly policy: PolicyDocumentJson;
}

/**
 * Lets environments in other accounts pull the image the build account holds, through a repository policy (one
 * resource, updated in place; the image is stored once). Replication would copy every image into each account and
 * Region instead: asynchronously (a deploy could start before its image arrived) and stored, and paid for, per
 * destination (Private image replication in Amazon ECR). The policy is set verbatim, as generated, so the deployed
 * policy is the one `hatoba policy` shows.
 */
export class CrossAccountPull extends Construct {
  constructor(scope: Construct, id: string, props: CrossAccountPullProps) {
    super(scope, id);
    // AWS::ECR::Repository RepositoryPolicyText (CloudFormation Template Reference): the repository policy as JSON.
    (props.repository.node.defaultChild as ecr.CfnRepository).repositoryPolicyText = props.policy;
  }
}
