/**
 * Credentials in plain `ecs.container.environment`. AWS ("Pass an individual environment variable to an Amazon ECS
 * container"): environment variables in a task definition are readable by everyone allowed DescribeTaskDefinition;
 * sensitive data belongs in Secrets Manager or SSM Parameter Store, which is what `ecs.container.secrets` references.
 *
 * These are warnings, not errors: a name is only a hint (`MAPBOX_TOKEN` may be a public browser token, a `*_PASSWORD`
 * may hold a placeholder), and by the time hatoba reads the value it is already in the repository, so refusing would
 * not un-leak it. AWS's own key names stay errors in the schema (SECRET_ENVIRONMENT_NAMES): those are never right.
 */

/** Names that say "credential" (whole name or a `_`-separated suffix), e.g. DB_PASSWORD, AWS_SESSION_TOKEN. */
const CREDENTIAL_NAME =
  /(?:^|_)(PASSWORD|PASSWD|PASS|SECRET|SECRET_KEY|TOKEN|API_KEY|APIKEY|PRIVATE_KEY|CREDENTIALS?)$/i;

/** Values that are a credential whatever the name (the shapes AWS, GitHub and PEM give them). */
const CREDENTIAL_VALUES: readonly { pattern: RegExp; what: string }[] = [
  // Most specific first: a GitHub token's 40-character tail would also pass for an AWS secret key.
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
  { pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/, what: 'a GitHub token' },
  { pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/, what: 'an AWS access key id' },
  // 40 characters of base64 with upper case and a digit: an AWS secret access key (a git sha is lowercase hex).
  {
    pattern:
      /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+=]{0,39}[A-Z])(?=[A-Za-z0-9/+=]{0,39}[0-9])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/,
    what: 'an AWS secret access key',
  },
];

export interface CredentialFinding {
  readonly name: string;
  /** Why it looks like a credential, without the value. */
  readonly reason: string;
}

/** The variables of `environment` that look like credentials, by name or by value. Empty values are not findings. */
export function credentialFindings(environment: Readonly<Record<string, string>>): CredentialFinding[] {
  const findings: CredentialFinding[] = [];
  for (const [name, value] of Object.entries(environment)) {
    if (value === '') continue;
    const shape = CREDENTIAL_VALUES.find(({ pattern }) => pattern.test(value));
    if (shape !== undefined) findings.push({ name, reason: `its value looks like ${shape.what}` });
    else {
      const suffix = CREDENTIAL_NAME.exec(name)?.[1];
      if (suffix !== undefined) findings.push({ name, reason: `its name ends in ${suffix.toUpperCase()}` });
    }
  }
  return findings;
}

/** What printed configurations show instead of a value that looks like a credential. */
export const HIDDEN_VALUE = '(hidden: looks like a credential)';

/** `environment` with every value that looks like a credential replaced by {@link HIDDEN_VALUE}, for printing. */
export function hideCredentials(environment: Readonly<Record<string, string>>): Record<string, string> {
  const hidden = new Set(credentialFindings(environment).map((finding) => finding.name));
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [name, hidden.has(name) ? HIDDEN_VALUE : value]),
  );
}
