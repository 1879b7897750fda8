import { message } from '../../../i18n/message.js';
import { pinnedAction } from '../../workflow/pinned-actions.js';
import { actionRef, usesOf } from '../action-ref.js';
import type { Finding } from '../finding.js';
import { finding, type LintRule } from '../rule.js';

/** GH-05: a tag or branch can be moved to other code after review; only a full commit SHA cannot. */
export const unpinnedAction: LintRule = {
  id: 'unpinned-action',
  severity: 'error',
  summary: 'an action or reusable workflow is referenced by tag or branch instead of a full commit SHA',
  check(workflow) {
    const findings: Finding[] = [];
    for (const { uses, path, job } of usesOf(workflow)) {
      if (uses.startsWith('docker://')) {
        if (!/@sha256:[0-9a-f]{64}$/.test(uses)) {
          findings.push(
            finding(
              this,
              workflow,
              path,
              message('unpinned-action.docker', { job, uses }),
              message('unpinned-action.docker.fix'),
            ),
          );
        }
        continue;
      }
      const ref = actionRef(workflow, uses, path);
      if (ref === undefined || ref.pinned) continue;
      const known = pinnedAction(ref.repository);
      findings.push(
        finding(
          this,
          workflow,
          path,
          message('unpinned-action', { job, uses, ref: ref.ref }),
          known
            ? message('unpinned-action.fix.known', {
                repository: known.repository,
                sha: known.sha,
                version: known.version,
              })
            : message('unpinned-action.fix', { repository: ref.repository, version: ref.version ?? 'vX.Y.Z' }),
        ),
      );
    }
    return findings;
  },
};
