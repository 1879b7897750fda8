import { quote } from '../quote.js';
import { statementCoversAction } from './evaluate.js';
import type { PolicyDocument, Statement } from './policy.js';

/**
 * Trust policies that let more in than a deploy role should, worth saying even when the token at hand is allowed
 * (reference: the over-broad `sub` values `*`, `repo:*`, `repo:ORG/*`, `repo:ORG/REPO:*`, and trust without a `sub`
 * condition, which IAM now refuses for new policies: "… must evaluate, using StringEquals, StringLike or
 * StringEqualsIgnoreCase, token.actions.githubusercontent.com:sub or …:job_workflow_ref which is not scoped to all").
 */

const ACTION = 'sts:AssumeRoleWithWebIdentity';
/** Operators that pin a claim; anything else (negated, ForAllValues, IfExists) lets a missing or other value in. */
const PINNING = new Set(['StringEquals', 'StringLike', 'StringEqualsIgnoreCase']);
const WILDCARD = /[*?]/;

export interface TrustRiskOptions {
  /** hatoba.yml's `github.trustAllRepositoriesOfOwner`: `repo:ORG/*` is then intended (and warned about there). */
  readonly ownerWideOptIn?: boolean;
}

export function trustRisks(policy: PolicyDocument, options: TrustRiskOptions = {}): string[] {
  return policy.statements
    .filter((statement) => statement.effect === 'Allow' && statementCoversAction(statement, ACTION))
    .flatMap((statement) => statementRisks(statement, options));
}

function statementRisks(statement: Statement, options: TrustRiskOptions): string[] {
  const name = statement.sid ? `Statement ${statement.sid}` : `Statement[${statement.index}]`;
  const risks: string[] = [];
  const principal = statement.principal;
  if (principal?.kind === 'any' || (principal?.kind === 'map' && principal.values.AWS?.includes('*'))) {
    risks.push(
      `${name} trusts Principal ${principal.kind === 'any' ? '"*"' : '{"AWS": "*"}'}: any identity provider's ` +
        'tokens are let in, not only GitHub\'s. Name the provider: {"Federated": "arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com"}.',
    );
  }
  if (statement.notPrincipal) {
    risks.push(`${name} allows with NotPrincipal: everyone not listed is trusted. Use Principal with the provider.`);
  }
  if (statement.conditions.length === 0) {
    risks.push(
      `${name} has no Condition: any GitHub repository's workflow can assume the role. Pin the subject with ` +
        'StringEquals on …:sub (e.g. repo:OWNER/REPO:environment:production).',
    );
    return risks;
  }
  const subjects = statement.conditions.filter(
    (entry) => PINNING.has(entry.operator) && /:(sub|job_workflow_ref)$/i.test(entry.key),
  );
  if (subjects.length === 0) {
    const key = statement.conditions.find((entry) => /:aud$/i.test(entry.key))?.key.replace(/:aud$/i, ':sub');
    risks.push(
      `${name} does not pin ${key ?? 'token.actions.githubusercontent.com:sub'} with StringEquals or StringLike: ` +
        'any GitHub repository whose token passes the other conditions can assume the role (and IAM refuses ' +
        'such a policy for new roles). Add the subject condition.',
    );
  }
  for (const entry of subjects) {
    if (entry.operator !== 'StringLike') continue;
    for (const value of entry.values) {
      const risk = subjectRisk(value, options);
      if (risk) risks.push(`${name}: ${entry.key} ${quote(value)} ${risk}`);
    }
  }
  return risks;
}

/** What a `sub` pattern lets in, when that is more than one repository's chosen context. */
function subjectRisk(pattern: string, options: TrustRiskOptions): string | undefined {
  if (/^[*?]*$/.test(pattern)) return 'matches any subject: every repository on GitHub can assume the role.';
  const repo = /^repo:([^/:]*)(?:\/([^:]*))?(?::(.*))?$/.exec(pattern);
  if (!repo) return undefined;
  const [, owner = '', name, context] = repo;
  if (WILDCARD.test(owner) || name === undefined) {
    return 'matches any owner: repositories of other users and organizations can assume the role.';
  }
  if (WILDCARD.test(name)) {
    return options.ownerWideOptIn
      ? undefined
      : `matches every repository of ${owner}, including ones created later: name the repository.`;
  }
  if (context !== undefined && /^[*?]+$/.test(context)) {
    return `matches any branch, tag, pull request or environment of ${owner}/${name}: pin the environment or branch.`;
  }
  return undefined;
}
