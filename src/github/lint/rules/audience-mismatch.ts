import type { Finding } from '../finding.js';
import { jobTrust } from '../job-trust.js';
import { roleSteps } from '../jobs.js';
import { finding, type LintRule } from '../rule.js';
import { assumesTargetRole, audienceAccepted, stepAudience, trustedAudiences } from '../trust-target.js';

/** AWS-02/AWS-05: the token's `aud` must be one the trust policy (and the provider) accepts, exactly. */
export const audienceMismatch: LintRule = {
  id: 'audience-mismatch',
  severity: 'error',
  summary: "the audience a job requests is not the one the role's trust policy accepts",
  check(workflow, context) {
    const findings: Finding[] = [];
    for (const job of workflow.jobs) {
      const trust = jobTrust(context, job);
      if (trust === undefined) continue;
      for (const step of roleSteps(job)) {
        const audience = stepAudience(step);
        if (!assumesTargetRole(trust, step) || audience.includes('${{') || audienceAccepted(trust, audience)) continue;
        const expected = trustedAudiences(trust);
        const explicit = typeof step.with.audience === 'string';
        findings.push(
          finding(
            this,
            workflow,
            [...step.path, explicit ? 'with' : 'uses', ...(explicit ? ['audience'] : [])],
            `job "${job.id}" requests audience "${audience}"${explicit ? '' : ' (the action default)'}, but ${trust.source} ` +
              `accepts ${expected.length > 0 ? expected.map((a) => `"${a}"`).join(', ') : 'no GitHub audience'}`,
            expected.length > 0
              ? `Set \`audience: ${expected[0]}\` on the step, or change the role's aud condition (and the OIDC provider's client ids) to match.`
              : "Add an aud condition (StringEquals token.actions.githubusercontent.com:aud) for the audience to the role's trust policy.",
          ),
        );
      }
    }
    return findings;
  },
};
