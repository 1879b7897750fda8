import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { message, say } from '../i18n/message.js';
import { CONFIG } from '../i18n/messages/config.js';
import { NO_CREDENTIALS } from './errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The credential sources the SDK's default chain would find, checked without any network call: environment keys,
 * a profile or shared config/credentials file (static keys, SSO, credential_process, role chaining), a web identity
 * token file (EKS, GitHub OIDC via AWS_WEB_IDENTITY_TOKEN_FILE), the ECS/Fargate container endpoint, or an EC2
 * instance (its instance profile is served by the instance metadata service, IMDS).
 */
export function credentialSources(env: Env, host: HostProbe = localHost): string[] {
  const sources: string[] = [];
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) sources.push('AWS_ACCESS_KEY_ID');
  if (env.AWS_PROFILE) sources.push('AWS_PROFILE');
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE) sources.push('AWS_WEB_IDENTITY_TOKEN_FILE');
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    sources.push('AWS_CONTAINER_CREDENTIALS_*');
  }
  const home = env.HOME ?? env.USERPROFILE ?? host.home;
  for (const file of [
    env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
    env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
  ]) {
    if (host.exists(file)) sources.push(file);
  }
  // Off EC2 nothing answers at the IMDS address, and the SDK's probe only fails after its timeouts; so it is only
  // worth making where the instance may be EC2 (or an endpoint or mode for IMDS was configured explicitly).
  if (env.AWS_EC2_METADATA_DISABLED !== 'true') {
    if (env.AWS_EC2_METADATA_SERVICE_ENDPOINT || host.mayBeEc2()) sources.push('EC2 instance metadata');
  }
  return sources;
}

export interface HostProbe {
  readonly home: string;
  exists(path: string): boolean;
  /** False only when this is certainly not an EC2 instance. */
  mayBeEc2(): boolean;
}

const localHost: HostProbe = {
  home: homedir(),
  exists: existsSync,
  mayBeEc2: () => (process.platform === 'linux' ? linuxIsEc2(readSmall) : true),
};

/**
 * "Detect whether a host is an EC2 instance" (Amazon EC2 User Guide): a Nitro instance's
 * /sys/devices/virtual/dmi/id/board_asset_tag is its instance id ("i-…"); a Xen instance's /sys/hypervisor/uuid
 * (and its DMI system UUID, when readable) starts with "ec2". Anything else is treated as off EC2.
 */
export function linuxIsEc2(read: (path: string) => string | undefined): boolean {
  const assetTag = read('/sys/devices/virtual/dmi/id/board_asset_tag') ?? '';
  const uuids = [read('/sys/hypervisor/uuid'), read('/sys/devices/virtual/dmi/id/product_uuid')];
  return /^i-[0-9a-f]+$/.test(assetTag) || uuids.some((uuid) => /^ec2/i.test(uuid ?? ''));
}

function readSmall(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** A credentials provider for clients when no source exists: fails at once instead of probing IMDS. */
export function noCredentials(): () => Promise<never> {
  return () =>
    Promise.reject(
      Object.assign(new Error(say(CONFIG, 'en', message('aws.no-credentials'))), { name: NO_CREDENTIALS }),
    );
}
