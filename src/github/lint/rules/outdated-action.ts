import { message } from '../../../i18n/message.js';
import { pinnedAction } from '../../workflow/pinned-actions.js';
import { actionRef, majorOf, usesOf } from '../action-ref.js';
import type { Finding } from '../finding.js';
import { finding, type LintRule } from '../rule.js';

/**
 * The oldest major version of each action on the deploy path that still runs on a supported Node.js runtime and
 * knows OIDC as it works today (e.g. configure-aws-credentials before v4 ran on Node 16 and lacked retries).
 */
const MINIMUM_MAJOR: Readonly<Record<string, number>> = {
  'actions/checkout': 4,
  'aws-actions/configure-aws-credentials': 4,
  'aws-actions/amazon-ecr-login': 2,
  'aws-actions/amazon-ecs-deploy-task-definition': 2,
};

/** GH-14. */
export const outdatedAction: LintRule = {
  id: 'outdated-action',
  severity: 'warning',
  summary: 'an AWS deploy-path action is older than its oldest supported major version',
  check(workflow) {
    const findings: Finding[] = [];
    for (const { uses, path, job } of usesOf(workflow)) {
      const ref = actionRef(workflow, uses, path);
      const minimum = ref === undefined ? undefined : MINIMUM_MAJOR[ref.repository];
      const major = majorOf(ref?.version);
      if (ref === undefined || minimum === undefined || major === undefined || major >= minimum) continue;
      const current = pinnedAction(ref.repository);
      findings.push(
        finding(
          this,
          workflow,
          path,
          message('outdated-action', { job, repository: ref.repository, version: String(ref.version), minimum }),
          current
            ? message('outdated-action.fix.known', {
                repository: current.repository,
                sha: current.sha,
                version: current.version,
              })
            : message('outdated-action.fix', { minimum }),
        ),
      );
    }
    return findings;
  },
};
