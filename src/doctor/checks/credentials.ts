import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { message } from '../../i18n/message.js';
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
          message(
            config.environment === undefined ? 'credentials.other-account' : 'credentials.other-account.environment',
            {
              account: identity.Account ?? '?',
              arn: identity.Arn ?? message('credentials.unknown-identity'),
              expected,
              ...(config.environment === undefined ? {} : { environment: config.environment.name }),
            },
          ),
          message('credentials.other-account.fix', { expected }),
        ),
      ];
    }
    const arn = identity.Arn ?? message('credentials.caller');
    return [ok('credentials', message('credentials', { arn, account: expected, region: config.aws.region }))];
  },
};
