import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { GITHUB_OIDC_HOST, GITHUB_OIDC_ISSUER } from '../../naming.js';

export interface GitHubOidcProviderProps {
  /**
   * Audiences (client ids) GitHub tokens may carry.
   * @default ['sts.amazonaws.com']
   */
  readonly clientIds?: readonly string[];
}

/**
 * The IAM OpenID Connect provider for GitHub Actions tokens (`https://token.actions.githubusercontent.com`), as the
 * native `AWS::IAM::OIDCProvider` resource: no custom-resource Lambda, and no thumbprint, because IAM validates
 * GitHub's certificate against its own trusted CAs.
 *
 * An account holds at most one provider per issuer URL, and other stacks or people may rely on it, so it is retained
 * when removed from the stack or when the stack is deleted (a rolled-back creation still deletes it). Use
 * {@link GitHubOidcProvider.fromAccount} when the account already has one.
 */
export class GitHubOidcProvider extends iam.OidcProviderNative {
  /** The account's existing GitHub provider, by its ARN (the ARN is derived from the issuer, so no lookup). */
  static fromAccount(scope: Construct, id: string): iam.IOidcProvider {
    const arn = Stack.of(scope).formatArn({
      service: 'iam',
      region: '',
      resource: 'oidc-provider',
      resourceName: GITHUB_OIDC_HOST,
    });
    return iam.OidcProviderNative.fromOidcProviderArn(scope, id, arn);
  }

  constructor(scope: Construct, id: string, props: GitHubOidcProviderProps = {}) {
    super(scope, id, { url: GITHUB_OIDC_ISSUER, clientIds: [...(props.clientIds ?? ['sts.amazonaws.com'])] });
    this.applyRemovalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);
  }
}
