import { type Message, message } from '../../../i18n/message.js';
import type { LintKey } from '../../../i18n/messages/lint.js';
import { type ClaimsInput, githubClaims } from '../../../oidc/claims.js';
import type { Finding } from '../finding.js';
import { jobTrust } from '../job-trust.js';
import { roleSteps } from '../jobs.js';
import { finding, type LintRule } from '../rule.js';
import { ANY_BRANCH, ANY_TAG, OTHER_BRANCH, type PredictedRun, predictRuns } from '../runs.js';
import { assumesTargetRole, audienceAccepted, stepAudience, trustAllows, trustedAudiences } from '../trust-target.js';

/**
 * AWS-10 before the push: predict, with the claims model, every `sub` a role-assuming job can present (one per
 * trigger, branch/tag filter and environment) and report those the trust policy denies. Each would end in
 * "Not authorized to perform sts:AssumeRoleWithWebIdentity" at run time.
 */
export const trustSubjectMismatch: LintRule = {
  id: 'trust-subject-mismatch',
  severity: 'error',
  summary: 'a trigger makes a role-assuming job present a `sub` the trust policy denies',
  check(workflow, context) {
    const findings: Finding[] = [];
    for (const job of workflow.jobs) {
      // With `environments`, the role of the job's environment (or the push role); none for an unknown environment.
      const trust = jobTrust(context, job);
      if (trust === undefined) continue;
      const step = roleSteps(job).find((s) => assumesTargetRole(trust, s));
      // An environment chosen by an expression is decided at run time: nothing to predict.
      if (step === undefined || job.environment?.includes('${{')) continue;
      // Audience problems are audience-mismatch's; judge the subject with an audience the role accepts.
      const asked = stepAudience(step);
      const audience = audienceAccepted(trust, asked) ? asked : (trustedAudiences(trust)[0] ?? asked);
      const denied = new Map<string, PredictedRun[]>();
      for (const run of predictRuns(workflow, job, context.workflows, context.defaultBranch)) {
        const input: ClaimsInput = {
          repository: trust.repository,
          event: run.event,
          defaultBranch: context.defaultBranch,
          subject: trust.subject,
          audience,
          workflowPath: workflow.repoPath,
          ...(trust.ownerId === undefined ? {} : { ownerId: trust.ownerId }),
          ...(trust.repositoryId === undefined ? {} : { repositoryId: trust.repositoryId }),
          ...(job.environment === undefined ? {} : { environment: job.environment }),
        };
        const claims = githubClaims(input);
        if (trustAllows(trust, claims)) continue;
        denied.set(claims.sub, [...(denied.get(claims.sub) ?? []), run]);
      }
      for (const [sub, runs] of denied) {
        const first = runs[0] as PredictedRun;
        // Point at the trigger when it is in this file; a reusable workflow's trigger is in its caller.
        const path =
          job.environment !== undefined
            ? [...job.path, 'environment']
            : first.workflow === workflow
              ? first.path
              : job.path;
        findings.push(
          finding(
            this,
            workflow,
            path,
            message('trust-subject-mismatch', {
              job: job.id,
              triggers: runs.map((r) => r.trigger).join('; '),
              sub,
              source: trust.sourceMessage ?? trust.source,
            }),
            fixFor(sub, job.environment, trust === context.environments?.push),
          ),
        );
      }
    }
    return findings;
  },
};

function fixFor(sub: string, environment: string | undefined, pushRole: boolean): Message<LintKey> {
  if (environment !== undefined && pushRole) return message('trust-subject-mismatch.fix.push-role');
  if (environment !== undefined) return message('trust-subject-mismatch.fix.environment', { environment, sub });
  if (sub.endsWith(':pull_request')) return message('trust-subject-mismatch.fix.pull-request');
  if ([ANY_BRANCH, OTHER_BRANCH, ANY_TAG].some((placeholder) => sub.includes(placeholder))) {
    return message('trust-subject-mismatch.fix.any-ref');
  }
  return message('trust-subject-mismatch.fix');
}
