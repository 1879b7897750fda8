import { trustTarget } from '../../github/lint/trust-source.js';
import { trustAllows } from '../../github/lint/trust-target.js';
import { type Message, message } from '../../i18n/message.js';
import type { DoctorKey } from '../../i18n/messages/doctor.js';
import { getRole } from '../../iam/get-role.js';
import { buildJobConfig, deployClaims } from '../../iam/trust.js';
import { resourceArns, resourceNames } from '../../naming.js';
import { quote } from '../../quote.js';
import { type DoctorCheck, fail, ok } from '../check.js';

/**
 * With `environments`, in the build account: the push role the build job assumes. Its live trust policy must let in
 * the build job's runs (the configured branches and tags) and no deploy job: a token of this environment's GitHub
 * environment would otherwise reach the repository without the environment's approval.
 */
export const pushRoleTrust: DoctorCheck = {
  id: 'push-role.trust',
  async run(input) {
    const { config } = input;
    const build = config.environment?.build;
    // The push role lives in the build account only; from another account it cannot be read.
    if (build === undefined || build.account !== config.aws.account) return [];
    const arn = resourceArns(config).pushRole;
    const role = await getRole(input.clients.iam, resourceNames(config).pushRoleName);
    if (role === undefined) {
      return [fail(this.id, message('push-role.missing', { arn }), message('push-role.missing.fix'))];
    }
    const source = `the live trust policy of ${arn}`;
    const sourceMessage = message('source.live', { arn });
    const builder = buildJobConfig(config);
    const { target } = await trustTarget({
      trustPolicy: { text: role.AssumeRolePolicyDocument ?? '', source, sourceMessage },
      config: builder,
      cwd: input.cwd,
    });
    if (target === undefined) throw new Error('a trust target always exists when a policy is given');
    const problems: Message<DoctorKey>[] = deployClaims(builder)
      .filter((claims) => !trustAllows(target, claims))
      .map((claims) => message('push-role.trust.build-denied', { sub: quote(claims.sub) }));
    const deploying = deployClaims(config).find((claims) => trustAllows(target, claims));
    if (deploying !== undefined)
      problems.push(message('push-role.trust.deploy-allowed', { sub: quote(deploying.sub) }));
    if (problems.length > 0) {
      return [
        fail(
          this.id,
          message('push-role.trust.refuses', { problems: { items: problems, separator: '; ' } }),
          message('push-role.trust.fix'),
        ),
      ];
    }
    return [ok(this.id, message('push-role.trust', { arn, repository: config.github.repository }))];
  },
};
