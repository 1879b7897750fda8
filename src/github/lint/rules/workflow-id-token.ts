import { message } from '../../../i18n/message.js';
import { grantsIdToken } from '../jobs.js';
import { finding, type LintRule } from '../rule.js';

/** GH-02: at workflow level every job, including ones running untrusted code, can mint a token for the role. */
export const workflowIdToken: LintRule = {
  id: 'workflow-id-token',
  severity: 'warning',
  summary: 'id-token: write (or write-all) at workflow level lets every job mint OIDC tokens',
  check(workflow) {
    if (grantsIdToken(workflow.permissions) !== true) return [];
    return [
      finding(
        this,
        workflow,
        ['permissions'],
        message(workflow.permissions === 'write-all' ? 'workflow-id-token.write-all' : 'workflow-id-token'),
        message('workflow-id-token.fix'),
      ),
    ];
  },
};
