import { AWS_REGIONS } from '../../src/config/regions.js';
import { errorMessage } from '../../src/errors.js';

/** The variables that arm the live suite. Without all of them it is skipped, and it never calls AWS. */
export const LIVE_ENV = {
  enable: 'HATOBA_LIVE',
  account: 'HATOBA_LIVE_ACCOUNT',
  region: 'HATOBA_LIVE_REGION',
} as const;

export const DEFAULT_LIVE_REGION = 'us-east-1';

export type LiveGate =
  | { readonly run: true; readonly account: string; readonly region: string; readonly caller: string }
  | { readonly run: false; readonly reason: string };

/**
 * STS GetCallerIdentity in `region`: "Returns details about the IAM user or role whose credentials are used to call
 * the operation", including `Account` (AWS STS API Reference); it needs no permission, so only the account decides.
 */
export type Identify = (region: string) => Promise<{ Account?: string | undefined; Arn?: string | undefined }>;

const HOW = 'see docs/live-tests.md';

/**
 * Whether the live suite may run here, and why not. It runs only when asked (HATOBA_LIVE=1), with an expected
 * account id, and when the credentials belong to exactly that account: the guard against creating a load balancer
 * and a service in an account that is not a throwaway one. AWS is called (once, STS) only after the first two hold.
 */
export async function liveGate(
  env: Readonly<Record<string, string | undefined>>,
  identify: Identify,
): Promise<LiveGate> {
  if (env[LIVE_ENV.enable] !== '1') {
    return {
      run: false,
      reason: `it creates real AWS resources; set ${LIVE_ENV.enable}=1 and ${LIVE_ENV.account}=<throwaway account id> to run it (${HOW})`,
    };
  }
  const account = env[LIVE_ENV.account] ?? '';
  if (!/^\d{12}$/.test(account)) {
    return {
      run: false,
      reason: `${LIVE_ENV.account} must be the 12-digit id of the throwaway account (got ${JSON.stringify(account)}) (${HOW})`,
    };
  }
  const region = env[LIVE_ENV.region] || DEFAULT_LIVE_REGION;
  if (!(AWS_REGIONS.aws as readonly string[]).includes(region)) {
    return {
      run: false,
      reason: `${LIVE_ENV.region}=${region} is not a commercial AWS Region with Fargate (e.g. us-east-1) (${HOW})`,
    };
  }
  let identity: Awaited<ReturnType<Identify>>;
  try {
    identity = await identify(region);
  } catch (error) {
    return {
      run: false,
      reason: `no usable AWS credentials: STS GetCallerIdentity failed (${errorMessage(error)}) (${HOW})`,
    };
  }
  if (identity.Account !== account) {
    return {
      run: false,
      reason: `the AWS credentials are for account ${identity.Account ?? '(unknown)'}, not ${LIVE_ENV.account}=${account}; refusing to create anything there`,
    };
  }
  return { run: true, account, region, caller: identity.Arn ?? '' };
}

/** The real STS call, through the one place hatoba builds SDK clients. Loaded lazily: a skipped run never imports it. */
export const stsIdentify: Identify = async (region) => {
  const [{ createAwsClients }, { GetCallerIdentityCommand }] = await Promise.all([
    import('../../src/aws/clients.js'),
    import('@aws-sdk/client-sts'),
  ]);
  const { sts } = await createAwsClients(region);
  return sts.send(new GetCallerIdentityCommand({}));
};
