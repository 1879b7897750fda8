import { gunzipSync } from 'node:zlib';
import { UserError } from '../errors.js';
import { formatBytes, INPUT_LIMITS } from '../fs/read-input.js';
import { isRecord } from './policy.js';

/**
 * AssumeRoleWithWebIdentity attempts read from CloudTrail. Shapes (IAM User Guide, "Logging IAM and AWS STS API
 * calls with AWS CloudTrail"): `userIdentity` is `{type: "WebIdentityUser", principalId: "<provider ARN>:<aud>:<sub>",
 * userName: "<sub>", identityProvider: "<provider ARN>"}`; the role is in `requestParameters.roleArn` and
 * `resources[]`; failures carry `errorCode`/`errorMessage` and `responseElements: null`; successes repeat the
 * subject, audience and provider in `responseElements`.
 */
export interface WebIdentityAttempt {
  /** `file.json#2`: where the record came from, for messages. */
  origin: string;
  eventTime?: string;
  eventId?: string;
  region?: string;
  roleArn?: string;
  sub?: string;
  aud?: string;
  /** `arn:aws:iam::<account>:oidc-provider/<issuer host/path>`. */
  providerArn?: string;
  errorCode?: string;
  errorMessage?: string;
  durationSeconds?: number;
  roleSessionName?: string;
}

const EVENT_NAME = 'AssumeRoleWithWebIdentity';

/**
 * Parses one record, `{"Records": [...]}` (a CloudTrail log file), a JSON array of records, or
 * `aws cloudtrail lookup-events` output (`{"Events": [{"CloudTrailEvent": "<json>"}]}`); gzip is detected by its
 * magic bytes and inflated up to `maxBytes` (zlib stops there, so a gzip bomb costs at most that much memory).
 * Returns every AssumeRoleWithWebIdentity record.
 */
export function parseCloudTrail(
  bytes: Uint8Array,
  source: string,
  maxBytes: number = INPUT_LIMITS.eventBytes,
): WebIdentityAttempt[] {
  let text: string;
  try {
    text = (isGzip(bytes) ? gunzipSync(bytes, { maxOutputLength: maxBytes }) : Buffer.from(bytes)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new UserError(
        `${source} decompresses to more than hatoba reads (${formatBytes(maxBytes)})`,
        'Pass the one CloudTrail log file or event to check, not an archive of many.',
      );
    }
    throw new UserError(`${source} looks gzipped but does not decompress: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(
      `${source} is not a CloudTrail event: ${(error as Error).message}`,
      'Pass one event record, a CloudTrail log file ({"Records": [...]}, .json or .json.gz), or lookup-events output.',
    );
  }
  const records = recordsOf(value, source);
  const attempts = records.flatMap((record, index) =>
    isRecord(record) && record.eventName === EVENT_NAME ? [attemptFromRecord(record, `${source}#${index}`)] : [],
  );
  if (attempts.length === 0) {
    throw new UserError(
      `${source} has no ${EVENT_NAME} record (${records.length} record${records.length === 1 ? '' : 's'} read)`,
      `Look the event up with: aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=${EVENT_NAME}`,
    );
  }
  return attempts;
}

function recordsOf(value: unknown, source: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value) && Array.isArray(value.Records)) return value.Records;
  if (isRecord(value) && Array.isArray(value.Events)) {
    return value.Events.map((event, index) => {
      if (!isRecord(event) || typeof event.CloudTrailEvent !== 'string') return event;
      try {
        return JSON.parse(event.CloudTrailEvent) as unknown;
      } catch {
        throw new UserError(`${source}: Events[${index}].CloudTrailEvent is not JSON`);
      }
    });
  }
  if (isRecord(value) && typeof value.eventName === 'string') return [value];
  throw new UserError(
    `${source} is not a CloudTrail event: expected an object with "eventName", {"Records": [...]} or {"Events": [...]}`,
  );
}

/** One AssumeRoleWithWebIdentity record (a log file's entry, or a LookupEvents `CloudTrailEvent` parsed). */
export function attemptFromRecord(record: Record<string, unknown>, origin: string): WebIdentityAttempt {
  const identity = isRecord(record.userIdentity) ? record.userIdentity : {};
  const request = isRecord(record.requestParameters) ? record.requestParameters : {};
  const response = isRecord(record.responseElements) ? record.responseElements : {};
  const attempt: WebIdentityAttempt = { origin };
  const set = <K extends keyof WebIdentityAttempt>(key: K, value: WebIdentityAttempt[K] | undefined) => {
    if (value !== undefined && value !== '') attempt[key] = value;
  };
  set('eventTime', str(record.eventTime));
  set('eventId', str(record.eventID));
  set('region', str(record.awsRegion));
  set('roleArn', str(request.roleArn) ?? roleFromResources(record.resources));
  set('roleSessionName', str(request.roleSessionName));
  set('durationSeconds', typeof request.durationSeconds === 'number' ? request.durationSeconds : undefined);
  set('errorCode', str(record.errorCode));
  set('errorMessage', str(record.errorMessage));

  const provider = str(identity.identityProvider) ?? str(response.provider);
  const sub = str(identity.userName) ?? str(response.subjectFromWebIdentityToken);
  const fromPrincipal = splitPrincipalId(str(identity.principalId), provider, sub);
  set('providerArn', provider ?? fromPrincipal?.provider);
  set('sub', sub ?? fromPrincipal?.sub);
  set('aud', str(response.audience) ?? fromPrincipal?.aud);
  return attempt;
}

/**
 * `principalId` is `<provider ARN>:<aud>:<sub>`. The provider ARN's path has no colon, so it ends at the first
 * colon after `oidc-provider/`; the subject (which has colons) is known from `userName` when present.
 */
export function splitPrincipalId(
  principalId: string | undefined,
  provider?: string,
  sub?: string,
): { provider: string; aud: string; sub: string } | undefined {
  if (!principalId) return undefined;
  const providerArn =
    provider && principalId.startsWith(`${provider}:`)
      ? provider
      : /^(arn:[^:]+:iam::\d{12}:oidc-provider\/[^:]+):/.exec(principalId)?.[1];
  if (!providerArn) return undefined;
  const rest = principalId.slice(providerArn.length + 1);
  if (sub && rest.endsWith(`:${sub}`)) {
    return { provider: providerArn, aud: rest.slice(0, -sub.length - 1), sub };
  }
  const colon = rest.indexOf(':');
  if (colon < 0) return undefined;
  return { provider: providerArn, aud: rest.slice(0, colon), sub: rest.slice(colon + 1) };
}

function roleFromResources(resources: unknown): string | undefined {
  if (!Array.isArray(resources)) return undefined;
  for (const resource of resources) {
    if (isRecord(resource) && resource.type === 'AWS::IAM::Role' && typeof resource.ARN === 'string') {
      return resource.ARN;
    }
  }
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}
