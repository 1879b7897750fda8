import type { UserError } from '../errors.js';
import { message as i18n } from '../i18n/message.js';
import { wordedError } from '../i18n/worded-error.js';
import { isThrottling } from './transient.js';

/**
 * The one place AWS failures become messages a person can act on. `main` calls this for any error that is not
 * already a UserError/CheckFailed, so no command has to catch SDK errors to avoid "hatoba crashed".
 * Every translated failure is a UserError (exit 2): the fix is in the caller's credentials, permissions, Region or
 * network, never in hatoba.
 */
export function translateAwsError(error: unknown): UserError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as AwsErrorShape;
  const name = e.name ?? '';
  const code = e.code ?? '';
  const where = e.awsOperation === undefined ? 'AWS' : `AWS ${e.awsOperation}`;
  const message = oneLine(e.message ?? '');

  if (name === NO_CREDENTIALS || name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    return wordedError(
      name === NO_CREDENTIALS ? i18n('aws.no-credentials') : i18n('aws.unusable-credentials', { message }),
      i18n('aws.credentials.hint'),
    );
  }
  if (REJECTED_CREDENTIALS.has(name)) {
    const optIn = name === 'InvalidClientTokenId' || name === 'UnrecognizedClientException';
    return wordedError(
      i18n('aws.rejected', { where, name, message }),
      i18n(optIn ? 'aws.rejected.opt-in.hint' : 'aws.rejected.hint'),
    );
  }
  if (ACCESS_DENIED.has(name)) {
    const denied = deniedAction(message) ?? operationAction(e.awsOperation);
    // The principal, action and resource are AWS's own words, quoted as they are in every language.
    if (denied === undefined) {
      return wordedError(i18n('aws.access-denied.raw', { where, name, message }), i18n('aws.access-denied.raw.hint'));
    }
    const { principal, action, resource } = denied;
    return wordedError(
      resource
        ? i18n('aws.access-denied.resource', { where, principal, action, resource })
        : i18n('aws.access-denied', { where, principal, action }),
      i18n('aws.access-denied.hint', { action }),
    );
  }
  if (REGION_DISABLED.has(name)) {
    return wordedError(i18n('aws.region-disabled', { where, name, message }), i18n('aws.region-disabled.hint'));
  }
  if (name === 'TimeoutError' || name === ENDPOINT_TIMEOUT) {
    return wordedError(
      e.timeoutSeconds === undefined
        ? i18n('aws.no-answer', { where })
        : i18n('aws.no-answer.within', { where, seconds: e.timeoutSeconds }),
      i18n('aws.no-answer.hint', { variable: TIMEOUT_ENV }),
    );
  }
  if (UNREACHABLE.has(code)) {
    const host = e.hostname ?? (e.address === undefined ? undefined : `${e.address}${e.port ? `:${e.port}` : ''}`);
    return wordedError(
      host === undefined
        ? i18n('aws.unreachable', { where, code })
        : i18n('aws.unreachable.host', { where, host, code }),
      i18n(code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'aws.unreachable.dns.hint' : 'aws.unreachable.hint'),
    );
  }
  if (isThrottling(error)) {
    return wordedError(i18n('aws.throttled', { where, name }), i18n('aws.throttled.hint'));
  }
  // Any other answer from AWS that reached main uncaught: the SDK marks a service error's side in `$fault` ("client":
  // the request was refused, e.g. ClientException, InvalidParameterException; "server": AWS failed after retries).
  if (e.$fault === 'client') {
    return wordedError(i18n('aws.refused', { where, name, message }), i18n('aws.refused.hint'));
  }
  if (e.$fault === 'server') {
    return wordedError(i18n('aws.server-fault', { where, name, message }), i18n('aws.server-fault.hint'));
  }
  return undefined;
}

/** The error createAwsClients' credential check throws when no credential source exists at all. */
export const NO_CREDENTIALS = 'NoCredentialsError';
/** The error the per-call time budget throws; the watcher treats it as transient like any TimeoutError. */
export const ENDPOINT_TIMEOUT = 'TimeoutError';
export const TIMEOUT_ENV = 'HATOBA_AWS_TIMEOUT';

// "Common Errors" (AWS API reference, all services): ExpiredTokenException 403, UnrecognizedClientException 403
// (the access key ID is not in AWS's records), IncompleteSignature; IAM/STS "Common Errors": InvalidClientTokenId,
// SignatureDoesNotMatch, ExpiredToken, RequestExpired (request date more than 15 minutes off).
const REJECTED_CREDENTIALS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'IncompleteSignature',
  'RequestExpired',
  'InvalidAccessKeyId',
]);
// "Common Errors": AccessDeniedException 403 (JSON protocols: ECS, ECR, Logs); AccessDenied (query protocols: STS,
// IAM, CloudFormation, ELBv2); NotAuthorized 401.
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'NotAuthorized', 'UnauthorizedOperation']);

/** IAM refused the call (the caller may not make it), as opposed to the call failing. */
export function isAccessDenied(error: unknown): boolean {
  return error instanceof Error && ACCESS_DENIED.has(error.name);
}
// STS API reference, RegionDisabledException: "STS is not activated in the requested region for the account";
// "Common Errors": OptInRequired 403.
const REGION_DISABLED = new Set(['RegionDisabledException', 'OptInRequired']);
// Node's errors for an endpoint that cannot be reached at all (no HTTP status exists).
const UNREACHABLE = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

interface AwsErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly hostname?: string;
  readonly address?: string;
  readonly port?: number;
  /** "ECS ListTasks": set by the clients' send guard. */
  readonly awsOperation?: string;
  readonly timeoutSeconds?: number;
  readonly $fault?: 'client' | 'server';
}

// SDK serviceId (what the send guard puts in awsOperation) → IAM service prefix (Service Authorization Reference).
const ACTION_PREFIX: Readonly<Record<string, string>> = {
  CloudTrail: 'cloudtrail',
  IAM: 'iam',
  STS: 'sts',
  ECS: 'ecs',
  ECR: 'ecr',
  'CloudWatch Logs': 'logs',
  'Elastic Load Balancing v2': 'elasticloadbalancing',
  CloudFormation: 'cloudformation',
};

/**
 * The action a denied call needed, from its operation ("CloudTrail LookupEvents" → cloudtrail:LookupEvents), for
 * denials whose text does not name it (some services answer a bare "Access Denied").
 */
function operationAction(operation: string | undefined): ReturnType<typeof deniedAction> {
  const match = operation === undefined ? null : /^(.+) (\w+)$/.exec(operation);
  const prefix = match?.[1] === undefined ? undefined : ACTION_PREFIX[match[1]];
  return prefix === undefined ? undefined : { principal: 'the credentials', action: `${prefix}:${match?.[2]}` };
}

/** IAM's denial text: "User: arn:… is not authorized to perform: ecs:ListTasks on resource: arn:… because …". */
export function deniedAction(message: string): { principal: string; action: string; resource?: string } | undefined {
  const match =
    /User: (\S+) is not authorized to perform: (\S+?)(?: on resource: (\S+?))?(?:\s+because\b|\s*$|\s+with\b)/.exec(
      message,
    );
  if (!match?.[1] || !match[2]) return undefined;
  return { principal: match[1], action: match[2], ...(match[3] ? { resource: match[3] } : {}) };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
