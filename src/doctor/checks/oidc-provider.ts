import { GetOpenIDConnectProviderCommand, ListOpenIDConnectProvidersCommand } from '@aws-sdk/client-iam';
import { GITHUB_OIDC_HOST } from '../../naming.js';
import { quote } from '../../quote.js';
import { type DoctorCheck, fail, ok } from '../check.js';

/** The audience people type for `sts.amazonaws.com` when creating the provider in the console. */
const AUDIENCE_TYPO = 'sts.amazon.com';

/**
 * The account's GitHub OIDC provider (IAM ListOpenIDConnectProviders, GetOpenIDConnectProvider: ClientIDList is
 * the audiences it accepts): present, and accepting the audience the workflow requests.
 */
export const oidcProvider: DoctorCheck = {
  id: 'oidc-provider',
  async run({ config, clients }) {
    const id = 'oidc-provider';
    const list = await clients.iam.send(new ListOpenIDConnectProvidersCommand({}));
    const arn = (list.OpenIDConnectProviderList ?? [])
      .map((p) => p.Arn ?? '')
      .find((candidate) => candidate.endsWith(`:oidc-provider/${GITHUB_OIDC_HOST}`));
    if (arn === undefined) {
      return [
        fail(
          id,
          `no OIDC provider for ${GITHUB_OIDC_HOST} in account ${config.aws.account}`,
          'Run `hatoba up` (it creates the provider), or add it in IAM → Identity providers with audience sts.amazonaws.com.',
        ),
      ];
    }
    const provider = await clients.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    const audiences = provider.ClientIDList ?? [];
    const audience = config.github.audience;
    if (!audiences.includes(audience)) {
      const typo = audiences.includes(AUDIENCE_TYPO);
      return [
        fail(
          id,
          `${arn} accepts audience ${audiences.map((a) => quote(a)).join(', ') || 'none'}, not ${quote(audience)}${typo ? ` (${quote(AUDIENCE_TYPO)} is a typo of sts.amazonaws.com)` : ''}`,
          `Add the audience: aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${arn} --client-id ${audience}${typo ? `, then remove ${AUDIENCE_TYPO}` : ''}.`,
        ),
      ];
    }
    return [ok(id, `${arn} accepts audience ${quote(audience)}`)];
  },
};
