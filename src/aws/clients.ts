import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import { UserError } from '../errors.js';
import { version } from '../version.js';
import { credentialSources, noCredentials } from './credentials.js';
import { TIMEOUT_ENV } from './errors.js';
import { guardSend } from './send.js';
import { SERVICES } from './services.js';

/** Every AWS client a command may need. Commands receive this object, so tests substitute mocked clients. */
export interface AwsClients {
  readonly sts: STSClient;
  readonly iam: IAMClient;
  readonly ecr: ECRClient;
  readonly ecs: ECSClient;
  readonly logs: CloudWatchLogsClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly cloudformation: CloudFormationClient;
  readonly cloudtrail: CloudTrailClient;
  readonly cloudwatch: CloudWatchClient;
}

export interface ClientOptions {
  /** Aborts every in-flight call (Ctrl-C); a signal passed to an individual `send` applies as well. */
  readonly signal?: AbortSignal | undefined;
  /** Where credential sources and HATOBA_AWS_TIMEOUT are looked up; the SDK itself reads process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Per call (all retries included) unless HATOBA_AWS_TIMEOUT says otherwise. */
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;
// Per attempt: AWS APIs answer in well under a second; a TCP connect that takes 5 s is not going to complete.
export const CONNECT_TIMEOUT_MS = 5_000;
export const ATTEMPT_TIMEOUT_MS = 20_000;

/**
 * The only place SDK clients are built: one Region, the SDK's adaptive retry mode (it backs off on throttling), a
 * user agent that names hatoba, connection and request timeouts, and a time budget plus the interrupt signal on
 * every `send`. Credentials come from the default provider chain (in GitHub Actions, the short-lived ones
 * configure-aws-credentials exported), unless no source exists at all: then the first call fails at once instead of
 * probing the EC2 instance metadata address. SDK packages load lazily so `--help` never pays for them.
 */
export async function createAwsClients(region: string, options: ClientOptions = {}): Promise<AwsClients> {
  const env = options.env ?? process.env;
  quietNodeVersionWarning();
  const loaded = new Map(
    await Promise.all(
      Object.entries(SERVICES).map(async ([key, load]) => [key, await (load as () => Promise<unknown>)()] as const),
    ),
  );
  const timeoutMs = callTimeoutMs(env);
  const config = {
    region,
    retryMode: 'adaptive',
    maxAttempts: 8,
    customUserAgent: [['hatoba', version()]] as [string, string][],
    // @smithy/node-http-handler NodeHttpHandlerOptions: connectionTimeout bounds the TCP/TLS connect; requestTimeout
    // only warns unless throwOnRequestTimeout is set, then it rejects with a TimeoutError the retry strategy retries.
    requestHandler: {
      connectionTimeout: Math.min(CONNECT_TIMEOUT_MS, timeoutMs),
      requestTimeout: Math.min(ATTEMPT_TIMEOUT_MS, timeoutMs),
      throwOnRequestTimeout: true,
    },
    ...(credentialSources(env).length === 0 ? { credentials: noCredentials() } : {}),
  };
  const guard = { signal: options.signal, timeoutMs };
  // Each client is built on first use: a command pays only for the services it calls.
  const clients = {} as Record<keyof AwsClients, unknown>;
  for (const key of CLIENT_KEYS) {
    let client: { send: unknown } | undefined;
    Object.defineProperty(clients, key, {
      enumerable: true,
      get() {
        if (client !== undefined) return client;
        const Client = loaded.get(key) as (new (c: typeof config) => { send: unknown }) | undefined;
        if (Client === undefined) throw new Error(`the ${key} client is not part of this build`);
        client = guardSend(new Client(config), guard);
        return client;
      },
    });
  }
  return clients as unknown as AwsClients;
}

const CLIENT_KEYS: readonly (keyof AwsClients)[] = [
  'sts',
  'iam',
  'ecr',
  'ecs',
  'logs',
  'elbv2',
  'cloudformation',
  'cloudtrail',
  'cloudwatch',
];

/** HATOBA_AWS_TIMEOUT: seconds one AWS call may take, retries included. */
function callTimeoutMs(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env[TIMEOUT_ENV];
  if (raw === undefined || raw === '') return DEFAULT_CALL_TIMEOUT_MS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UserError(
      `${TIMEOUT_ENV}: ${JSON.stringify(raw)} is not a number of seconds`,
      `Unset it or pass e.g. ${TIMEOUT_ENV}=120.`,
    );
  }
  return Math.round(seconds * 1000);
}

/**
 * The SDK prints a 9-line NodeVersionSupportWarning on Node < 22 (its releases after the first week of January 2027
 * require Node 22). hatoba supports Node 20 until then (README, "Node.js versions") and says so once there, not on
 * every command. The SDK's documented switch (aws-sdk-js-v3 announcement "January 2027: End of Support for Node.js
 * 20.x"): AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true. A value the user set wins.
 */
function quietNodeVersionWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
