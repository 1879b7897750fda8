import { message, say } from '../i18n/message.js';
import { EXPLAIN } from '../i18n/messages/explain.js';
import { GITHUB_OIDC_HOST } from '../naming.js';
import { issuerHostPath, STS_GITHUB_CLAIM_KEYS } from '../oidc/claims.js';
import { quote } from '../quote.js';
import type { ConditionOutcome } from './conditions.js';
import { evaluatePolicy, type StatementResult, statementCoversAction, type Verdict } from './evaluate.js';
import { audienceHints, type Hint, providerHints, subjectHints } from './hints.js';
import { splitArn } from './match.js';
import type { PolicyDocument } from './policy.js';

/**
 * Why AWS STS denied (or would allow) an AssumeRoleWithWebIdentity call: the claims are evaluated against the trust
 * policy, the closest Allow statement's failing conditions are reported with what each expected and what the token
 * had, and hints say which classic mistake it is. A condition that passed is never reported as a cause.
 */

const ACTION = 'sts:AssumeRoleWithWebIdentity';
const ROLE_ARN = /^arn:aws(?:-cn|-us-gov|-iso[a-z-]*)?:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export interface ExplainRequest {
  /** Where the claims came from: `event.json#0`, `--sub`, `--token`. */
  origin: string;
  /** When the call happened (CloudTrail eventTime). */
  time?: string;
  roleArn?: string;
  providerArn?: string;
  /** The token's `iss`, when known: picks the provider when no provider ARN is given. */
  issuer?: string;
  /** What the input itself says is wrong (an expired or unsigned token), shown before the other hints. */
  notes?: Hint[];
  /** Claim values by claim name (`sub`, `aud`, and from a token, the other claims AWS exposes). */
  claims: Readonly<Record<string, string>>;
  /** What CloudTrail recorded about the call, when the claims come from an event. */
  outcome?: { errorCode?: string; errorMessage?: string; durationSeconds?: number };
}

export interface ExplainPolicy {
  policy: PolicyDocument;
  /** `trust.json`, `hatoba.yml (generated)`. */
  source: string;
  /** The role the policy belongs to, when known (from hatoba.yml). */
  roleArn?: string;
  /** With hatoba.yml `environments`: each GitHub environment's deploy role ARN, by GitHub environment name. */
  environmentRoles?: Readonly<Record<string, string>>;
}

export interface ExplainFailure {
  key: string;
  operator: string;
  expected: string[];
  /** null when the request did not carry the key. */
  actual: string | string[] | null;
}

export interface ExplainResult {
  origin: string;
  time?: string;
  /** What CloudTrail recorded, for claims read from an event. */
  event?: { errorCode: string | null; errorMessage: string | null };
  roleArn: string | null;
  claims: { sub: string | null; aud: string | null; provider: string | null };
  verdict: Verdict;
  failures: ExplainFailure[];
  /** The hints in English (what --json has always printed). */
  hints: string[];
  /** The same hints as catalogue messages, for src/report/ to put in the reader's language. */
  hintMessages: Hint[];
}

export function explain(request: ExplainRequest, trust: ExplainPolicy): ExplainResult {
  const allowStatements = trust.policy.statements.filter(
    (statement) => statement.effect === 'Allow' && statementCoversAction(statement, ACTION),
  );
  const trustedProviders = unique(
    allowStatements.flatMap((statement) =>
      statement.principal?.kind === 'map' ? (statement.principal.values.Federated ?? []) : [],
    ),
  );
  const hints: Hint[] = [...(request.notes ?? [])];
  let provider = request.providerArn;
  if (provider === undefined) {
    // --sub/--token without --provider-arn: the token went to the provider of its issuer, else to GitHub's.
    provider = assumedProvider(trustedProviders, request.issuer);
    if (provider !== undefined) {
      hints.push(
        message(trustedProviders.includes(provider) ? 'provider-assumed' : 'provider-assumed-from-issuer', {
          provider,
        }),
      );
    }
  }
  const prefix = provider
    ? providerHostPath(provider)
    : request.issuer
      ? issuerHostPath(request.issuer)
      : GITHUB_OIDC_HOST;
  const context: Record<string, string> = {};
  for (const claim of STS_GITHUB_CLAIM_KEYS) {
    const value = request.claims[claim];
    if (value !== undefined) context[`${prefix}:${claim}`] = value;
  }

  const evaluation = evaluatePolicy(trust.policy, {
    principal: { type: 'Federated', id: provider ?? '' },
    action: ACTION,
    context,
  });
  const result: ExplainResult = {
    origin: request.origin,
    ...(request.time !== undefined && { time: request.time }),
    ...(request.outcome && {
      event: { errorCode: request.outcome.errorCode ?? null, errorMessage: request.outcome.errorMessage ?? null },
    }),
    roleArn: request.roleArn ?? trust.roleArn ?? null,
    claims: { sub: request.claims.sub ?? null, aud: request.claims.aud ?? null, provider: provider ?? null },
    verdict: evaluation.verdict,
    failures: [],
    hints: [],
    hintMessages: hints,
  };

  if (evaluation.reason === 'explicit-deny') {
    for (const index of evaluation.deciding) {
      const statement = evaluation.statements[index];
      if (!statement) continue;
      const matched = statement.conditions.map((c) => `${c.operator} ${c.key}`).join(', ');
      hints.push(
        matched
          ? message('explicit-deny-matched', { statement: describeStatement(statement), conditions: matched })
          : message('explicit-deny', { statement: describeStatement(statement) }),
      );
    }
  } else if (evaluation.verdict === 'denied') {
    const best = closestStatement(evaluation.statements.filter((s) => s.effect === 'Allow' && s.actionMatched));
    if (!best) {
      hints.push(message('no-allow-statement', { source: trust.source, action: ACTION }));
    } else {
      const statement = trust.policy.statements[best.index];
      if (!best.principalMatched) {
        const excluded = statement?.notPrincipal !== undefined;
        result.failures.push({
          key: excluded ? 'NotPrincipal.Federated' : 'Principal.Federated',
          operator: excluded ? 'NotPrincipal' : 'Principal',
          expected: excluded ? [] : trustedProviders,
          actual: provider ?? null,
        });
        if (excluded) {
          hints.push(message('not-principal', { statement: describeStatement(best) }));
        } else if (provider && trustedProviders.length > 0) {
          hints.push(...providerHints(provider, trustedProviders));
        } else {
          hints.push(
            message('no-trusted-provider', {
              statement: describeStatement(best),
              hostPath: provider ? providerHostPath(provider) : GITHUB_OIDC_HOST,
            }),
          );
        }
      }
      if (!best.resourceMatched) {
        hints.push(message('resource-in-trust-policy', { statement: describeStatement(best) }));
      }
      for (const outcome of best.conditions.filter((c) => !c.passed)) {
        result.failures.push(failureOf(outcome));
        hints.push(...conditionHints(outcome, request, trust.environmentRoles));
      }
    }
  }

  hints.push(...pitfallHints(evaluation.statements, trust));
  hints.push(...contextualHints(request, trust, result));
  result.hints = hints.map((hint) => say(EXPLAIN, 'en', hint));
  return result;
}

/**
 * The provider a token without a provider ARN went to: the trusted provider named after its issuer (or, when the
 * policy trusts none, that issuer's provider in the account of the first trusted one); without an issuer, the
 * github.com provider, an enterprise issuer's, GHE.com's or GHES's, in that order, else the first trusted provider.
 */
function assumedProvider(trusted: readonly string[], issuer: string | undefined): string | undefined {
  if (issuer !== undefined) {
    const hostPath = issuerHostPath(issuer);
    const named = trusted.find((arn) => providerHostPath(arn) === hostPath);
    if (named !== undefined) return named;
    const account = trusted[0] ? splitArn(trusted[0]) : undefined;
    return account ? `arn:${account[1]}:iam::${account[4]}:oidc-provider/${hostPath}` : undefined;
  }
  const path = (arn: string) => splitArn(arn)?.[5] ?? '';
  const preferences = [
    (arn: string) => path(arn) === `oidc-provider/${GITHUB_OIDC_HOST}`,
    (arn: string) => path(arn).startsWith(`oidc-provider/${GITHUB_OIDC_HOST}/`),
    (arn: string) => /^oidc-provider\/token\.actions\.[^/]+\.ghe\.com(\/|$)/.test(path(arn)),
    (arn: string) => path(arn).endsWith('/_services/token'),
  ];
  for (const preferred of preferences) {
    const found = trusted.find(preferred);
    if (found !== undefined) return found;
  }
  return trusted[0];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function failureOf(outcome: ConditionOutcome): ExplainFailure {
  return {
    key: outcome.key,
    operator: outcome.operator,
    expected: outcome.expected,
    actual:
      outcome.actual === undefined ? null : typeof outcome.actual === 'string' ? outcome.actual : [...outcome.actual],
  };
}

/** The Allow statement nearest to applying: fewest failed conditions, a principal mismatch counting as one. */
function closestStatement(statements: StatementResult[]): StatementResult | undefined {
  const misses = (s: StatementResult) => s.conditions.filter((c) => !c.passed).length + (s.principalMatched ? 0 : 1);
  return [...statements].sort((a, b) => misses(a) - misses(b))[0];
}

function conditionHints(
  outcome: ConditionOutcome,
  request: ExplainRequest,
  roles: ExplainPolicy['environmentRoles'],
): Hint[] {
  const claim = outcome.key.split(':').at(-1)?.toLowerCase();
  if (outcome.unsupported) return [message('operator-unsupported', { operator: outcome.operator, key: outcome.key })];
  if (outcome.actual === undefined) {
    const known = Object.keys(request.claims).join(', ');
    return [
      known
        ? message('claim-missing', { key: outcome.key, known })
        : message('claim-missing-none', { key: outcome.key }),
    ];
  }
  if (typeof outcome.actual !== 'string') return [];
  if (claim === 'sub') return subjectHints(outcome.actual, outcome.expected, roles);
  if (claim === 'aud') return audienceHints(outcome.actual, outcome.expected);
  return [
    message('claim-mismatch', { claim: claim ?? '', actual: outcome.actual, expected: outcome.expected.join(' or ') }),
  ];
}

/** ForAllValues on sub/aud passes when the claim is missing: worth saying even when the verdict is right. */
function pitfallHints(statements: StatementResult[], trust: ExplainPolicy): Hint[] {
  const hints: Hint[] = [];
  for (const statement of statements) {
    for (const outcome of statement.conditions) {
      if (statement.effect === 'Allow' && outcome.operator.startsWith('ForAllValues:')) {
        hints.push(
          message('for-all-values', {
            statement: describeStatement(statement),
            operator: outcome.operator,
            key: outcome.key,
            replacement: outcome.operator.slice('ForAllValues:'.length),
            source: trust.source,
          }),
        );
      }
    }
  }
  return hints;
}

function contextualHints(request: ExplainRequest, trust: ExplainPolicy, result: ExplainResult): Hint[] {
  const hints: Hint[] = [];
  const { outcome } = request;
  const role = request.roleArn ? splitArn(request.roleArn) : undefined;
  const provider = request.providerArn ? splitArn(request.providerArn) : undefined;
  if (request.roleArn !== undefined && !ROLE_ARN.test(request.roleArn)) {
    hints.push(message('not-role-arn', { role: quote(request.roleArn) }));
  }
  if (role && provider && role[4] !== provider[4]) {
    hints.push(message('account-mismatch', { roleAccount: role[4], providerAccount: provider[4] }));
  }
  if (request.roleArn && trust.roleArn && request.roleArn !== trust.roleArn) {
    hints.push(message('other-role', { called: request.roleArn, source: trust.source, role: trust.roleArn }));
  }
  if (outcome?.errorMessage === 'Incorrect token audience') {
    const aud = request.claims.aud;
    hints.push(
      aud === undefined ? message('incorrect-token-audience-unknown') : message('incorrect-token-audience', { aud }),
    );
  } else if (outcome?.errorMessage?.startsWith('No OpenIDConnect provider found')) {
    hints.push(message('no-provider-for-issuer'));
  }
  if (result.verdict === 'allowed') {
    if (outcome && outcome.errorCode === undefined) {
      hints.push(message('allowed-and-recorded'));
    } else {
      hints.push(
        outcome?.durationSeconds
          ? message('allowed-but-denied-duration', { source: trust.source, seconds: outcome.durationSeconds })
          : message('allowed-but-denied', { source: trust.source }),
      );
    }
  } else if (outcome && outcome.errorCode === undefined) {
    hints.push(message('denied-but-recorded', { source: trust.source }));
  }
  return hints;
}

function describeStatement(statement: StatementResult): string {
  return statement.sid ? `Statement ${statement.sid}` : `Statement[${statement.index}]`;
}

/** `arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com` → `token.actions.githubusercontent.com`. */
export function providerHostPath(providerArn: string): string {
  const resource = splitArn(providerArn)?.[5] ?? '';
  return resource.startsWith('oidc-provider/') ? resource.slice('oidc-provider/'.length) : GITHUB_OIDC_HOST;
}
