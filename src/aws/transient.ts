/** What the SDK attaches to service errors; read structurally so callers need not import SDK classes. */
interface SdkErrorShape {
  readonly name?: string;
  readonly $fault?: 'client' | 'server';
  readonly $retryable?: { throttling?: boolean };
  readonly $metadata?: { httpStatusCode?: number };
  readonly code?: string;
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);

// Connection-level failures Node reports before any HTTP status exists.
const NETWORK = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'TimeoutError']);

export function isThrottling(error: unknown): boolean {
  const e = error as SdkErrorShape | undefined;
  return Boolean(e && (THROTTLING.has(e.name ?? '') || e.$retryable?.throttling));
}

/**
 * True for errors worth waiting out: throttling, 5xx and dropped connections. The SDK has already retried these;
 * a poller that sees one anyway backs off and polls again instead of giving up.
 */
export function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkErrorShape;
  const status = e.$metadata?.httpStatusCode ?? 0;
  return isThrottling(e) || e.$fault === 'server' || status >= 500 || NETWORK.has(e.code ?? e.name ?? '');
}

/** `ThrottlingException` / `ServerException (503)`: the short form progress lines show. */
export function describeAwsError(error: unknown): string {
  const e = error as SdkErrorShape & { message?: string };
  const status = e?.$metadata?.httpStatusCode;
  return `${e?.name ?? 'Error'}${status === undefined ? '' : ` (${status})`}`;
}
