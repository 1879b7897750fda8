import { GITHUB_OIDC_HOST } from '../naming.js';
import { issuerHostPath, STS_GITHUB_CLAIM_KEYS } from '../oidc/claims.js';
import { quote } from '../quote.js';
import type { ConditionOutcome } from './conditions.js';
import { evaluatePolicy, type StatementResult, statementCoversAction, type Verdict } from './evaluate.js';
import { audienceHints, providerHints, subjectHints } from './hints.js';
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
  notes?: string[];
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
  hints: string[];
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
  const hints: string[] = [...(request.notes ?? [])];
  let provider = request.providerArn;
  if (provider === undefined) {
    // --sub/--token without --provider-arn: the token went to the provider of its issuer, else to GitHub's.
    provider = assumedProvider(trustedProviders, request.issuer);
    if (provider !== undefined) {
      hints.push(
        trustedProviders.includes(provider)
          ? `No provider ARN given; assumed the policy's own provider ${provider} (pass --provider-arn to check it).`
          : `No provider ARN given; assumed ${provider}, the provider of the token's issuer in the policy's account.`,
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
    hints,
  };

  if (evaluation.reason === 'explicit-deny') {
    for (const index of evaluation.deciding) {
      const statement = evaluation.statements[index];
      if (!statement) continue;
      const matched = statement.conditions.map((c) => `${c.operator} ${c.key}`).join(', ');
      hints.push(
        `${describeStatement(statement)} is a Deny that applies to this request${matched ? ` (its conditions ${matched} matched)` : ''}; ` +
          'an explicit Deny wins over any Allow.',
      );
    }
  } else if (evaluation.verdict === 'denied') {
    const best = closestStatement(evaluation.statements.filter((s) => s.effect === 'Allow' && s.actionMatched));
    if (!best) {
      hints.push(`${trust.source} has no Allow statement for ${ACTION}.`);
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
          hints.push(`${describeStatement(best)} excludes this provider with NotPrincipal.`);
        } else if (provider && trustedProviders.length > 0) {
          hints.push(...providerHints(provider, trustedProviders));
        } else {
          hints.push(
            `${describeStatement(best)} trusts no OIDC provider: its Principal must be {"Federated": ` +
              `"arn:aws:iam::ACCOUNT:oidc-provider/${provider ? providerHostPath(provider) : GITHUB_OIDC_HOST}"}.`,
          );
        }
      }
      if (!best.resourceMatched) {
        hints.push(
          `${describeStatement(best)} has a Resource or NotResource element: a trust policy names no resource (the ` +
            'role is the resource) and IAM refuses one that does (`MalformedPolicyDocument: Has prohibited field ' +
            'Resource`). Remove the element.',
        );
      }
      for (const outcome of best.conditions.filter((c) => !c.passed)) {
        result.failures.push(failureOf(outcome));
        hints.push(...conditionHints(outcome, request, trust.environmentRoles));
      }
    }
  }

  hints.push(...pitfallHints(evaluation.statements, trust));
  hints.push(...contextualHints(request, trust, result));
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
): string[] {
  const claim = outcome.key.split(':').at(-1)?.toLowerCase();
  if (outcome.unsupported) return [`hatoba does not evaluate ${outcome.operator}; check ${outcome.key} by hand.`];
  if (outcome.actual === undefined) {
    const known = Object.keys(request.claims).join(', ');
    return [
      `The request has no ${outcome.key}: the claims known here are ${known || 'none'}. CloudTrail records only sub ` +
        'and aud; pass --token to check the other claims.',
    ];
  }
  if (typeof outcome.actual !== 'string') return [];
  if (claim === 'sub') return subjectHints(outcome.actual, outcome.expected, roles);
  if (claim === 'aud') return audienceHints(outcome.actual, outcome.expected);
  return [`The token's ${claim} is ${outcome.actual}; the policy expects ${outcome.expected.join(' or ')}.`];
}

/** ForAllValues on sub/aud passes when the claim is missing: worth saying even when the verdict is right. */
function pitfallHints(statements: StatementResult[], trust: ExplainPolicy): string[] {
  const hints: string[] = [];
  for (const statement of statements) {
    for (const outcome of statement.conditions) {
      if (statement.effect === 'Allow' && outcome.operator.startsWith('ForAllValues:')) {
        hints.push(
          `${describeStatement(statement)} uses ${outcome.operator} on ${outcome.key}: ForAllValues passes when the ` +
            `claim is missing, so it does not pin anything. Use ${outcome.operator.slice('ForAllValues:'.length)} (${trust.source}).`,
        );
      }
    }
  }
  return hints;
}

function contextualHints(request: ExplainRequest, trust: ExplainPolicy, result: ExplainResult): string[] {
  const hints: string[] = [];
  const { outcome } = request;
  const role = request.roleArn ? splitArn(request.roleArn) : undefined;
  const provider = request.providerArn ? splitArn(request.providerArn) : undefined;
  if (request.roleArn !== undefined && !ROLE_ARN.test(request.roleArn)) {
    hints.push(
      `${quote(request.roleArn)} is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME); STS answers ` +
        '`Request ARN is invalid`. Use the role ARN, not an assumed-role ARN, and strip spaces or newlines.',
    );
  }
  if (role && provider && role[4] !== provider[4]) {
    hints.push(
      `The role is in account ${role[4]} but the token went to the provider of account ${provider[4]}: the role ARN ` +
        "(`role-to-assume`) names the wrong account, or the provider is missing in the role's account.",
    );
  }
  if (request.roleArn && trust.roleArn && request.roleArn !== trust.roleArn) {
    hints.push(`The call was for ${request.roleArn}, but ${trust.source} is the trust policy of ${trust.roleArn}.`);
  }
  if (outcome?.errorMessage === 'Incorrect token audience') {
    hints.push(
      `STS rejected the token before the trust policy: the OIDC provider's audiences (ClientIDList) do not include ` +
        `${request.claims.aud ?? "the token's aud"}. Add it to the provider (hatoba up does) or fix the workflow's \`audience:\`.`,
    );
  } else if (outcome?.errorMessage?.startsWith('No OpenIDConnect provider found')) {
    hints.push(
      'The account has no OIDC provider for this issuer: create it (hatoba up creates it in the pipeline stack).',
    );
  }
  if (result.verdict === 'allowed') {
    if (outcome && outcome.errorCode === undefined) {
      hints.push('CloudTrail recorded a successful call, and this trust policy allows it too.');
    } else {
      hints.push(
        `${trust.source} allows these claims. If AWS still denied the call, check: the policy checked is the one ` +
          "attached to the role (`aws iam get-role --role-name NAME`); the provider's audiences include the aud " +
          "(else `Incorrect token audience`); the requested duration is within the role's MaxSessionDuration" +
          `${outcome?.durationSeconds ? ` (the call asked for ${outcome.durationSeconds} s)` : ''}; the role ARN names ` +
          'the right account.',
      );
    }
  } else if (outcome && outcome.errorCode === undefined) {
    hints.push(
      `CloudTrail recorded a successful call, yet ${trust.source} denies it: the policy given is probably not the ` +
        "role's current trust policy.",
    );
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
