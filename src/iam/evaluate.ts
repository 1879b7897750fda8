import { type ConditionOptions, type ConditionOutcome, evaluateCondition, type RequestContext } from './conditions.js';
import { actionMatch, resourceMatch } from './match.js';
import type { PolicyDocument, Principal, PrincipalType, Statement } from './policy.js';

/**
 * Single-policy evaluation as IAM does it: an explicit Deny wins, otherwise any matching Allow allows, otherwise the
 * request is denied by default. Every condition of every statement is evaluated (no short-circuit) so a caller can
 * report exactly which ones failed and never blame one that passed.
 */

export interface AuthorizationRequest {
  /** Who asks; only resource policies such as trust policies name principals. */
  principal?: { type: PrincipalType; id: string };
  /** `service:Action`. */
  action: string;
  /** The resource ARN; trust policies have none. */
  resource?: string;
  context: RequestContext;
}

export interface StatementResult {
  index: number;
  sid?: string;
  effect: Statement['effect'];
  principalMatched: boolean;
  actionMatched: boolean;
  resourceMatched: boolean;
  conditionsPassed: boolean;
  /** One outcome per (operator, key) entry, in document order. */
  conditions: ConditionOutcome[];
  /** The statement applies to the request: everything above matched. */
  applies: boolean;
}

export type Verdict = 'allowed' | 'denied';

export interface PolicyEvaluation {
  verdict: Verdict;
  /** `explicit-deny`: a Deny statement applies; `no-allow`: nothing allows (the default deny). */
  reason: 'allowed' | 'explicit-deny' | 'no-allow';
  /** Indexes of the statements that decided: the applying Denies, or the applying Allows. */
  deciding: number[];
  statements: StatementResult[];
}

export function evaluatePolicy(policy: PolicyDocument, request: AuthorizationRequest): PolicyEvaluation {
  // Policy variables exist from policy language version 2012-10-17 on; before, `${…}` is literal text.
  const variables = policy.version === '2012-10-17';
  const statements = policy.statements.map((statement) => evaluateStatement(statement, request, { variables }));
  const denies = statements.filter((result) => result.applies && result.effect === 'Deny');
  if (denies.length > 0) {
    return { verdict: 'denied', reason: 'explicit-deny', deciding: denies.map((s) => s.index), statements };
  }
  const allows = statements.filter((result) => result.applies && result.effect === 'Allow');
  if (allows.length > 0) {
    return { verdict: 'allowed', reason: 'allowed', deciding: allows.map((s) => s.index), statements };
  }
  return { verdict: 'denied', reason: 'no-allow', deciding: [], statements };
}

function evaluateStatement(
  statement: Statement,
  request: AuthorizationRequest,
  options: ConditionOptions = {},
): StatementResult {
  const principalMatched = matchesPrincipal(statement, request.principal);
  const actionMatched = statementCoversAction(statement, request.action);
  const resourceMatched = matchesResource(statement, request.resource);
  const conditions = statement.conditions.map((entry) => evaluateCondition(entry, request.context, options));
  const conditionsPassed = conditions.every((outcome) => outcome.passed);
  const result: StatementResult = {
    index: statement.index,
    effect: statement.effect,
    principalMatched,
    actionMatched,
    resourceMatched,
    conditionsPassed,
    conditions,
    applies: principalMatched && actionMatched && resourceMatched && conditionsPassed,
  };
  if (statement.sid !== undefined) result.sid = statement.sid;
  return result;
}

/** Action (wildcards, any letter case) or NotAction: does the statement speak about this action? */
export function statementCoversAction(statement: Statement, action: string): boolean {
  if (statement.action) return statement.action.some((pattern) => actionMatch(pattern, action));
  if (statement.notAction) return !statement.notAction.some((pattern) => actionMatch(pattern, action));
  return false;
}

function matchesPrincipal(statement: Statement, principal: AuthorizationRequest['principal']): boolean {
  if (statement.principal) return principal !== undefined && principalListed(statement.principal, principal);
  if (statement.notPrincipal) return principal === undefined || !principalListed(statement.notPrincipal, principal);
  // Identity policies have no Principal: they apply to whoever they are attached to.
  return true;
}

function principalListed(spec: Principal, principal: NonNullable<AuthorizationRequest['principal']>): boolean {
  if (spec.kind === 'any') return true;
  const ids = spec.values[principal.type] ?? [];
  // `{"AWS": "*"}` means everyone, like `"*"`.
  if (spec.values.AWS?.includes('*')) return true;
  return ids.includes(principal.id);
}

function matchesResource(statement: Statement, resource: string | undefined): boolean {
  if (statement.resource) {
    return statement.resource.some((pattern) =>
      resource === undefined ? pattern === '*' : resourceMatch(pattern, resource),
    );
  }
  if (statement.notResource) {
    return resource !== undefined && !statement.notResource.some((pattern) => resourceMatch(pattern, resource));
  }
  // Trust policies omit Resource: the role itself is the resource.
  return true;
}
