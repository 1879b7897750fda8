import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { type DoctorCheck, fail, ok } from '../check.js';

/**
 * Who the credentials belong to (STS GetCallerIdentity: "No permissions are required to perform this operation"),
 * and whether that is hatoba.yml's account. A Region that is not enabled answers with an opt-in or unrecognized
 * client error, which src/aws/errors.ts translates; the runner reports it as this check's failure.
 */
export const credentials: DoctorCheck = {
  id: 'credentials',
  async run({ config, clients }) {
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    const expected = config.aws.account;
    if (identity.Account !== expected) {
      return [
        fail(
          'credentials',
          `the credentials are for account ${identity.Account ?? '?'} (${identity.Arn ?? 'unknown identity'}), but ${where(config)}aws.account is ${expected}`,
          `Use credentials for account ${expected} (AWS_PROFILE), or correct aws.account in hatoba.yml.`,
        ),
      ];
    }
    return [ok('credentials', `${identity.Arn ?? 'the caller'} in account ${expected}, Region ${config.aws.region}`)];
  },
};

/** `environment production's ` with `environments`; nothing for a single-environment file. */
function where(config: Parameters<DoctorCheck['run']>[0]['config']): string {
  return config.environment === undefined ? '' : `environment ${config.environment.name}'s `;
}
