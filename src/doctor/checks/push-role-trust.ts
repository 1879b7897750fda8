import { trustTarget } from '../../github/lint/trust-source.js';
import { trustAllows } from '../../github/lint/trust-target.js';
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
      return [
        fail(this.id, `the push role ${arn} does not exist`, 'Run `hatoba up` for an environment in this account.'),
      ];
    }
    const source = `the live trust policy of ${arn}`;
    const builder = buildJobConfig(config);
    const { target } = await trustTarget({
      trustPolicy: { text: role.AssumeRolePolicyDocument ?? '', source },
      config: builder,
      cwd: input.cwd,
    });
    if (target === undefined) throw new Error('a trust target always exists when a policy is given');
    const problems = deployClaims(builder)
      .filter((claims) => !trustAllows(target, claims))
      .map((claims) => `does not trust the build job's sub ${quote(claims.sub)}`);
    const deploying = deployClaims(config).find((claims) => trustAllows(target, claims));
    if (deploying !== undefined) problems.push(`lets in the deploy job's sub ${quote(deploying.sub)}`);
    if (problems.length > 0) {
      return [
        fail(
          this.id,
          `the push role's trust policy ${problems.join('; ')}`,
          'Run `hatoba up` to replace it with the generated one (the build job: branches and tags, never an environment).',
        ),
      ];
    }
    return [ok(this.id, `${arn} lets in the build job of ${config.github.repository} and no deploy job`)];
  },
};
