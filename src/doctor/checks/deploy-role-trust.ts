import type { Finding } from '../../github/lint/finding.js';
import { audienceMismatch } from '../../github/lint/rules/audience-mismatch.js';
import { trustSubjectMismatch } from '../../github/lint/rules/trust-subject-mismatch.js';
import { trustTarget } from '../../github/lint/trust-source.js';
import { audienceAccepted, trustAllows, trustedAudiences } from '../../github/lint/trust-target.js';
import { type Message, message } from '../../i18n/message.js';
import type { DoctorKey } from '../../i18n/messages/doctor.js';
import type { LintKey } from '../../i18n/messages/lint.js';
import { deployClaims } from '../../iam/trust.js';
import { trustRisks } from '../../iam/trust-risks.js';
import { deployRoleArn } from '../../naming.js';
import { describeSubject } from '../../oidc/claims.js';
import { quote } from '../../quote.js';
import { type CheckResult, type DoctorCheck, type DoctorInput, fail, ok, warn } from '../check.js';
import { lintAgainstLive } from '../lint-live.js';
import { isResult, readDeployRole, roleFix } from '../live-role.js';

const TRUST_RULES = new Set([trustSubjectMismatch.id, audienceMismatch.id]);

/**
 * The deploy role's live trust policy, compared with the generated one by evaluating it (src/iam/evaluate.ts): does
 * it let in each deploy run hatoba.yml describes, with the configured audience, and nothing over-broad; then the
 * repository's workflows are linted against it, as `hatoba lint --trust-policy` would.
 */
export const deployRoleTrust: DoctorCheck = {
  id: 'deploy-role.trust',
  async run(input) {
    const role = await readDeployRole(input, this.id);
    if (isResult(role)) return [role];
    const text = role.AssumeRolePolicyDocument ?? '';
    const source = `the live trust policy of ${deployRoleArn(input.config)}`;
    const sourceMessage = message('source.live', { arn: deployRoleArn(input.config) });
    const { target } = await trustTarget({
      trustPolicy: { text, source, sourceMessage },
      config: input.config,
      cwd: input.cwd,
    });
    if (target === undefined) throw new Error('a trust target always exists when a policy is given');
    return [trustResult(input, target), await workflowsResult(input, text, source, sourceMessage)];
  },
};

function trustResult(
  { config }: DoctorInput,
  target: NonNullable<Awaited<ReturnType<typeof trustTarget>>['target']>,
): CheckResult {
  const id = 'deploy-role.trust';
  const audience = config.github.audience;
  const audiences = trustedAudiences(target);
  const problems: Message<DoctorKey>[] = [];
  if (!audienceAccepted(target, audience)) {
    problems.push(
      audiences.length === 0
        ? message('deploy-role.trust.aud-none', { audience: quote(audience) })
        : message('deploy-role.trust.aud', {
            audiences: audiences.map((a) => quote(a)).join(' or '),
            audience: quote(audience),
          }),
    );
  }
  // Subjects are checked with the audience the policy names, so a wrong audience is not also reported per subject.
  const trustedAudience = audienceAccepted(target, audience) ? audience : (audiences[0] ?? audience);
  for (const claims of deployClaims(config)) {
    if (!trustAllows(target, { ...claims, aud: trustedAudience }))
      problems.push(message('deploy-role.trust.sub', { sub: quote(claims.sub) }));
  }
  const risks = trustRisks(target.policy, { ownerWideOptIn: config.github.trustAllRepositoriesOfOwner });
  if (audiences.length === 0)
    risks.push('aud is not pinned: add StringEquals on token.actions.githubusercontent.com:aud');
  const fix = roleFix(config, 'trust', message('deploy-role.trust.fix'));
  if (problems.length > 0)
    return fail(
      id,
      message('deploy-role.trust.refuses', { problems: { items: problems, separator: '; ' } }),
      fix,
      risks,
    );
  if (risks.length > 0) return warn(id, message('deploy-role.trust.broad'), fix, risks);
  return ok(id, message('deploy-role.trust', { repository: config.github.repository }));
}

/**
 * With `environments` each deploy job assumes its own environment's role and the build job the push role (all through
 * `vars.*` expressions lint cannot resolve), so only findings about a run in this environment's GitHub environment
 * concern this role: the `sub` the finding's message carries says whose run it is.
 */
function ofThisRole(finding: Finding, config: DoctorInput['config']): boolean {
  if (config.environment === undefined) return true;
  const sub = finding.text?.message.params.sub;
  if (typeof sub !== 'string') return true;
  const context = describeSubject(sub).context;
  return context?.kind === 'environment' && context.name === config.github.environment;
}

async function workflowsResult(
  input: DoctorInput,
  text: string,
  source: string,
  sourceMessage: Message<LintKey>,
): Promise<CheckResult> {
  const id = 'deploy-role.workflows';
  const findings = await lintAgainstLive(input, id, { trustPolicy: { text, source, sourceMessage } });
  if (!Array.isArray(findings)) return findings;
  const relevant = findings.filter((f) => TRUST_RULES.has(f.rule) && ofThisRole(f, input.config));
  const lines = relevant.map((f) => `${f.file}:${f.line}: ${f.message}`);
  if (relevant.some((f) => f.severity === 'error')) {
    const first = relevant[0];
    return fail(id, message('deploy-role.workflows.refused'), first?.text?.fix ?? first?.fix ?? '', lines);
  }
  return ok(id, message('deploy-role.workflows'));
}
