import { architectureMismatch } from './architecture-mismatch.js';
import { containerExited } from './container-exited.js';
import { containerHealthCheckFailed } from './container-health-check-failed.js';
import { containerStartFailed } from './container-start-failed.js';
import { deploymentFailed } from './deployment-failed.js';
import type { CauseEntry } from './entry.js';
import { healthCheckFailed } from './health-check-failed.js';
import { imageNotFound } from './image-not-found.js';
import { imagePlatform } from './image-platform.js';
import { imagePullDenied } from './image-pull-denied.js';
import { imagePullFailed } from './image-pull-failed.js';
import { imagePullNetwork } from './image-pull-network.js';
import { logGroupMissing } from './log-group-missing.js';
import { outOfMemory } from './out-of-memory.js';
import { registryAuthDenied } from './registry-auth-denied.js';
import { registryRateLimit } from './registry-rate-limit.js';
import { rollbackAlarm } from './rollback-alarm.js';
import { secretNotFound } from './secret-not-found.js';
import { secretsAccessDenied } from './secrets-access-denied.js';
import { stopTimeout } from './stop-timeout.js';
import { taskInitFailed } from './task-init-failed.js';
import { taskNetwork } from './task-network.js';
import { taskNotPlaced } from './task-not-placed.js';
import { taskRoleInvalid } from './task-role-invalid.js';
import { taskStopped } from './task-stopped.js';

/** Every cause deploy or rehearse can report; each has an entry in docs/troubleshooting.md. */
export const CATALOGUE: readonly CauseEntry<never>[] = [
  architectureMismatch,
  containerExited,
  containerHealthCheckFailed,
  containerStartFailed,
  deploymentFailed,
  healthCheckFailed,
  imageNotFound,
  imagePlatform,
  imagePullDenied,
  imagePullFailed,
  imagePullNetwork,
  logGroupMissing,
  outOfMemory,
  registryAuthDenied,
  registryRateLimit,
  rollbackAlarm,
  secretNotFound,
  secretsAccessDenied,
  stopTimeout,
  taskInitFailed,
  taskNetwork,
  taskNotPlaced,
  taskRoleInvalid,
  taskStopped,
];
