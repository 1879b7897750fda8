import { imageNotFound } from '../../causes/image-not-found.js';
import { imagePlatform } from '../../causes/image-platform.js';
import { imagePullDenied } from '../../causes/image-pull-denied.js';
import { imagePullFailed } from '../../causes/image-pull-failed.js';
import { imagePullNetwork } from '../../causes/image-pull-network.js';
import { registryRateLimit } from '../../causes/registry-rate-limit.js';
import { type Cause, type CauseRule, causeOf, firstMatch } from '../cause.js';

/** CannotPullContainerError: the image could not be fetched. The text tells missing, denied and unreachable apart. */
const RULES: readonly CauseRule[] = [
  { cause: imagePlatform, when: /descriptor matching platform|no matching manifest for/i },
  { cause: registryRateLimit, when: /toomanyrequests|pull rate limit/i },
  { cause: imageNotFound, when: /failed to resolve ref|not found|manifest unknown|does not exist/i },
  { cause: imagePullDenied, when: /AccessDenied|not authorized|403|Forbidden|permissions to pull/i },
  {
    cause: imagePullNetwork,
    when: /i\/o timeout|dial tcp|deadline exceeded|connection issue|request canceled|context canceled|timed? ?out/i,
  },
];

export function classifyImagePull(text: string): Omit<Cause, 'evidence'> | undefined {
  if (!/CannotPullContainerError|cannot pull|can't pull/i.test(text)) return undefined;
  return causeOf(firstMatch(RULES, text)?.cause ?? imagePullFailed, undefined, 'immediate');
}
