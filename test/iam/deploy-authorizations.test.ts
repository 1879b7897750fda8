import { describe, expect, it } from 'vitest';
import { deployAuthorizations } from '../../src/iam/deploy-authorizations.js';
import { evaluatePolicy } from '../../src/iam/evaluate.js';
import { deployPermissionsPolicy } from '../../src/iam/permissions.js';
import { normalizePolicy } from '../../src/iam/policy.js';
import { fixtureConfig } from '../support/fixture-config.js';

/** What `hatoba doctor` asks IAM's simulator about must be requests the generated policy really allows. */
describe('deployAuthorizations', () => {
  const config = fixtureConfig('hatoba-full.yml');
  const document = deployPermissionsPolicy(config);
  const policy = normalizePolicy(document, 'deploy policy');
  const needs = deployAuthorizations(config);

  it('covers every action of the generated deploy policy', () => {
    const actions = document.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect([...new Set(needs.map((n) => n.action))].sort()).toEqual([...actions].sort());
    // Both task roles are passed, each its own authorization.
    expect(needs.filter((n) => n.action === 'iam:PassRole')).toHaveLength(2);
  });

  it('names concrete resources (no wildcard but a bare *) that the generated policy allows, with its conditions met', () => {
    for (const need of needs) {
      expect(need.resource === '*' || !need.resource.includes('*'), need.resource).toBe(true);
      const verdict = evaluatePolicy(policy, {
        action: need.action,
        ...(need.resource === '*' ? {} : { resource: need.resource }),
        context: need.context,
      });
      expect([need.action, verdict.verdict]).toEqual([need.action, 'allowed']);
    }
  });

  it('sets the condition keys a grant requires, so the simulator does not report them missing', () => {
    const tag = needs.find((n) => n.action === 'ecs:TagResource');
    expect(tag?.context).toEqual({ 'ecs:CreateAction': 'RegisterTaskDefinition' });
    const pass = needs.filter((n) => n.action === 'iam:PassRole');
    expect(pass.every((n) => n.context['iam:PassedToService'] === 'ecs-tasks.amazonaws.com')).toBe(true);
  });
});
