import { type Message, message } from '../../../i18n/message.js';
import type { LintKey } from '../../../i18n/messages/lint.js';
import type { Finding } from '../finding.js';
import { hatobaInvocations } from '../hatoba-invocations.js';
import { environmentOf } from '../job-trust.js';
import { roleSteps } from '../jobs.js';
import { type EnvironmentTarget, finding, type LintRule } from '../rule.js';
import type { Job, YamlPath } from '../workflow.js';

/** Something in a job that works on one environment: a hatoba command naming it, or its deploy role's literal ARN. */
interface Use {
  readonly path: YamlPath;
  readonly what: Message<LintKey>;
  /** The environment's key as named. */
  readonly named: string;
}

/**
 * With `environments`: a job that works on environment P (`hatoba deploy --environment P`, hatoba's action with
 * `environment: P`, or P's deploy role ARN written out) must run in P's GitHub environment. GitHub puts the job's
 * `environment:` into its token's `sub`, and P's deploy role trusts only P's, so a staging job can never deploy
 * production (and a job without an environment can deploy none).
 */
export const environmentDeployMismatch: LintRule = {
  id: 'environment-deploy-mismatch',
  severity: 'error',
  summary: 'a job works on one environment under the GitHub environment of another (or none)',
  check(workflow, context) {
    const targets = context.environments;
    if (targets === undefined) return [];
    const names = targets.environments.map((each) => each.name);
    const findings: Finding[] = [];
    for (const job of workflow.jobs) {
      if (job.environment?.includes('${{')) continue;
      for (const use of uses(job, targets.environments)) {
        const target = targets.environments.find((each) => each.name === use.named);
        if (target === undefined) {
          findings.push(
            finding(
              this,
              workflow,
              use.path,
              message('environment-deploy-mismatch.unknown', {
                job: job.id,
                use: use.what,
                named: use.named,
                names: names.join(', '),
              }),
              message('environment-deploy-mismatch.unknown.fix', {
                choices: names.map((name) => `--environment ${name}`).join(', '),
              }),
            ),
          );
          continue;
        }
        if (job.environment === target.githubEnvironment) continue;
        const token =
          job.environment === undefined
            ? message('environment-deploy-mismatch.token.none')
            : message('environment-deploy-mismatch.token.environment', { environment: job.environment });
        const own = job.environment === undefined ? undefined : environmentOf(context, job.environment);
        findings.push(
          finding(
            this,
            workflow,
            use.path,
            message('environment-deploy-mismatch', {
              job: job.id,
              use: use.what,
              token,
              target: target.name,
              subjects: target.subjects.map((s) => `"${s}"`).join(', '),
            }),
            own === undefined
              ? message('environment-deploy-mismatch.fix', { githubEnvironment: target.githubEnvironment })
              : message('environment-deploy-mismatch.fix.own', {
                  githubEnvironment: target.githubEnvironment,
                  own: own.name,
                }),
          ),
        );
      }
    }
    return findings;
  },
};

function uses(job: Job, environments: readonly EnvironmentTarget[]): Use[] {
  const found: Use[] = [];
  for (const invocation of hatobaInvocations(job)) {
    const named = invocation.environment;
    if (named === undefined || named.includes('${{')) continue;
    const what =
      invocation.command === 'action'
        ? message('environment-deploy-mismatch.use.action', { named })
        : message('environment-deploy-mismatch.use.command', { command: invocation.command, named });
    found.push({ path: invocation.path, what, named });
  }
  for (const step of roleSteps(job)) {
    const role = step.with['role-to-assume'];
    const target = environments.find((each) => typeof role === 'string' && each.trust.roleArn === role.trim());
    if (target !== undefined) {
      found.push({
        path: [...step.path, 'with', 'role-to-assume'],
        what: message('environment-deploy-mismatch.use.role', { named: target.name }),
        named: target.name,
      });
    }
  }
  return found;
}
