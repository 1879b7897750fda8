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
        workflow.permissions === 'write-all'
          ? 'workflow-level `permissions: write-all` gives every job id-token: write and every other write scope'
          : 'id-token: write at workflow level lets every job of this workflow request an OIDC token',
        'Set `permissions: {}` at the top and grant `id-token: write` only on the jobs that assume the role.',
      ),
    ];
  },
};
