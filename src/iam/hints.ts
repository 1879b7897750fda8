import { AWS_AUDIENCES, DEFAULT_AUDIENCE, describeSubject, type SubjectParts } from '../oidc/claims.js';
import { closest, editDistance } from './closest.js';
import { hasWildcard, splitArn, wildcardMatch } from './match.js';

/**
 * Why a token's claims missed a trust policy's values, in the words of the classic mistakes: environment vs branch,
 * pull requests, letter case, immutable ids, another repository, `%3A`, custom templates, audience typos, provider
 * in another account.
 */

/**
 * Hints for a `sub` that matched none of `expected`; the first names the closest trusted subject. `roles` (hatoba.yml
 * `environments`): each GitHub environment's deploy role, so a token of another environment is sent to its own.
 */
export function subjectHints(
  actual: string,
  expected: readonly string[],
  roles: Readonly<Record<string, string>> = {},
): string[] {
  const target = closest(actual, expected);
  if (target === undefined) return [];
  const hints = [`Closest trusted subject: ${target}`];
  const a = describeSubject(actual);
  const e = describeSubject(target);

  if (actual.toLowerCase() === target.toLowerCase() || wildcardMatch(target, actual, { ignoreCase: true })) {
    hints.push(
      'The subject differs only in letter case. StringEquals and StringLike compare case-sensitively, and the token ' +
        `spells the names as GitHub does: write ${actual} exactly.`,
    );
    return hints;
  }
  if (actual.replace(/%3A/gi, ':') === target) {
    hints.push(
      'A colon inside a claim value is written %3A in the subject, so the policy must say ' +
        `${actual} (not ${target}).`,
    );
    return hints;
  }
  if (a.ownerId !== undefined && e.ownerId === undefined) {
    hints.push(
      'The token uses the immutable subject form repo:OWNER@OWNER_ID/REPO@REPO_ID (repositories created or opted in ' +
        `since July 2026) but the policy has the name-only form. Trust ${a.keys.includes('repo') ? rebuildRepo(target, a) : actual}; ` +
        'list both forms only while migrating (hatoba: github.subject.format: immutable).',
    );
  } else if (a.ownerId === undefined && e.ownerId !== undefined && a.repository !== undefined) {
    hints.push(
      'The policy expects the immutable subject form (OWNER@ID/REPO@ID) but the token has the name-only form: the ' +
        'repository has not opted in to immutable subjects. Trust the form the token carries, or opt the repository in.',
    );
  }
  // A pattern (repo:o/r:*) parses as a custom template; only compare templates of exact subjects.
  if ((a.form === 'custom' || e.form === 'custom') && !hasWildcard(target)) {
    if (a.keys.join() !== e.keys.join()) {
      hints.push(
        `The token's subject has the claim keys [${a.keys.join(', ')}] but the policy expects [${e.keys.join(', ')}]: ` +
          'a custom subject template (include_claim_keys) is in effect on one side. Check it with ' +
          '`gh api repos/OWNER/REPO/actions/oidc/customization/sub` and match it (hatoba: github.subject).',
      );
    }
  }
  if (a.repository && e.repository && !wildcardMatch(e.repository, a.repository)) {
    hints.push(`The token comes from repository ${a.repository}, but the policy trusts ${e.repository}.`);
  }
  hints.push(...contextHints(a, e, roles));
  return hints;
}

function rebuildRepo(target: string, actual: SubjectParts): string {
  return target.replace(
    /^repo:[^:]+/,
    `repo:${actual.owner}@${actual.ownerId}/${actual.repository?.split('/')[1]}@${actual.repositoryId}`,
  );
}

function contextHints(a: SubjectParts, e: SubjectParts, roles: Readonly<Record<string, string>>): string[] {
  const ac = a.context;
  const ec = e.context;
  if (!ac || !ec) return [];
  const own = ac.kind === 'environment' && Object.hasOwn(roles, ac.name) ? roles[ac.name] : undefined;
  if (ac.kind === 'environment' && ec.kind === 'ref') {
    const declares =
      `The job declares \`environment: ${ac.name}\`, so its token's subject ends in environment:${ac.name} instead of ` +
      `ref:${ec.ref} (an environment replaces the ref).`;
    // With environments, trusting the environment here would let a deploy job push: send it to its own role instead.
    if (own !== undefined) {
      return [
        `${declares} With environments, a role that trusts ${ec.ref} is the push role of the build job (no ` +
          `\`environment:\`); a job in environment ${ac.name} assumes ${own}.`,
      ];
    }
    return [
      `${declares} Trust the environment subject (hatoba: github.environment: ${ac.name}), or remove \`environment:\` ` +
        'from the job.',
    ];
  }
  if (ac.kind === 'ref' && ec.kind === 'environment') {
    return [
      `The policy expects the job to run in environment ${ec.name}, but the token has none (its subject ends in ` +
        `ref:${ac.ref}). Add \`environment: ${ec.name}\` to the deploy job.`,
    ];
  }
  if (ac.kind === 'pull_request' && ec.kind !== 'pull_request') {
    return [
      'The token comes from a pull_request run (subject ends in :pull_request). A deploy role should not trust pull ' +
        'requests: deploy on push to the trusted branch instead.',
    ];
  }
  if (ac.kind === 'ref' && ec.kind === 'ref' && ac.ref !== ec.ref) {
    return [
      `The run was for ${ac.refType} ${ac.name} (${ac.ref}), but the policy trusts ${ec.refType} ${ec.name}. Deploy ` +
        `from ${ec.ref}, or trust ${ac.ref} too (hatoba: github.${ac.refType === 'tag' ? 'tags' : 'branches'}).`,
    ];
  }
  if (ac.kind === 'environment' && ec.kind === 'environment' && ac.name !== ec.name) {
    return [
      `This token is for environment ${ac.name}; the role trusts environment ${ec.name}. Run the job in ` +
        `\`environment: ${ec.name}\` to assume this role, or use ${own === undefined ? `the role that trusts ${ac.name}` : `${ac.name}'s role ${own}`}.`,
    ];
  }
  return [];
}

/** Hints for an `aud` that matched none of `expected`. */
export function audienceHints(actual: string | undefined, expected: readonly string[]): string[] {
  if (actual === undefined) return ['The request carried no aud claim.'];
  const hints: string[] = [];
  const target = closest(actual, expected) ?? DEFAULT_AUDIENCE;
  if (isTypoOf(actual, DEFAULT_AUDIENCE)) {
    hints.push(
      `The token's audience ${actual} looks like a typo of ${DEFAULT_AUDIENCE} (the workflow's \`audience:\` input).`,
    );
  }
  for (const value of expected) {
    if (isTypoOf(value, DEFAULT_AUDIENCE)) {
      hints.push(`The policy's audience ${value} looks like a typo of ${DEFAULT_AUDIENCE}.`);
    }
  }
  if (actual.startsWith('https://github.com/')) {
    hints.push(
      `${actual} is GitHub's default audience: the token was requested without the audience AWS expects. ` +
        `aws-actions/configure-aws-credentials asks for ${DEFAULT_AUDIENCE} unless its \`audience:\` input says otherwise.`,
    );
  }
  hints.push(`The token's audience is ${actual}; the policy expects ${target}. They must be equal (StringEquals).`);
  return hints;
}

/** Close to `intended` but not one of the audiences AWS is really asked for. */
function isTypoOf(value: string, intended: string): boolean {
  return !AWS_AUDIENCES.includes(value) && editDistance(value.toLowerCase(), intended) <= 3;
}

/** Hints for a token from a provider the statement does not name. */
export function providerHints(actual: string, trusted: readonly string[]): string[] {
  const target = closest(actual, trusted);
  if (target === undefined) return [];
  const a = splitArn(actual);
  const e = splitArn(target);
  const hints = [`The token's provider is ${actual}, but the policy trusts ${target}.`];
  if (a && e && a[4] !== e[4]) {
    hints.push(
      `The provider is in account ${a[4]} but the policy names account ${e[4]}'s provider: a role can only trust ` +
        'the OIDC provider of its own account; create the provider in each account.',
    );
  } else if (a && e && a[5] !== e[5]) {
    hints.push(
      'The issuer differs (an enterprise-specific issuer or GitHub Enterprise Server has its own provider URL): ' +
        'trust the provider of the issuer the token comes from.',
    );
  }
  return hints;
}
