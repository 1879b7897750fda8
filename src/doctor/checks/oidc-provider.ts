import { GetOpenIDConnectProviderCommand, ListOpenIDConnectProvidersCommand } from '@aws-sdk/client-iam';
import { message } from '../../i18n/message.js';
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
          message('oidc-provider.missing', { host: GITHUB_OIDC_HOST, account: config.aws.account }),
          message('oidc-provider.missing.fix'),
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
          message(typo ? 'oidc-provider.audience.typo' : 'oidc-provider.audience', {
            arn,
            audiences: audiences.map((a) => quote(a)).join(', ') || message('none'),
            audience: quote(audience),
            typo: quote(AUDIENCE_TYPO),
          }),
          typo
            ? message('oidc-provider.audience.fix.typo', { arn, audience, typo: AUDIENCE_TYPO })
            : message('oidc-provider.audience.fix', { arn, audience }),
        ),
      ];
    }
    return [ok(id, message('oidc-provider', { arn, audience: quote(audience) }))];
  },
};
