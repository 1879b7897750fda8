import { architectureMismatch } from '../../causes/architecture-mismatch.js';
import { containerExited } from '../../causes/container-exited.js';
import { containerStartFailed } from '../../causes/container-start-failed.js';
import { outOfMemory } from '../../causes/out-of-memory.js';
import { type Cause, causeOf } from '../cause.js';

export interface ContainerExit {
  readonly stoppedReason: string;
  readonly exitCode: number | undefined;
  /** The container's own `reason` (e.g. `OutOfMemoryError: Container killed due to memory usage`). */
  readonly reason: string | undefined;
  readonly logLines: readonly string[];
  /** ecs.architecture, to say which platform the image must be built for. */
  readonly architecture: 'X86_64' | 'ARM64';
}

/** True when the stop came from the application container itself rather than from the scheduler. */
export function isContainerExit(stoppedReason: string): boolean {
  return /Essential container in task exited|CannotStartContainerError|exec format error/i.test(stoppedReason);
}

/**
 * The essential container stopped on its own: out of memory, an image built for the other architecture, a start
 * failure, or the process exiting. Log lines decide `exec format error`, which appears only in the container's output.
 */
export function classifyContainerExit(exit: ContainerExit): Omit<Cause, 'evidence'> {
  const text = [exit.stoppedReason, exit.reason ?? '', ...exit.logLines].join('\n');
  const { exitCode } = exit;
  const withExit = exitCode === undefined ? {} : { exitCode };
  const named =
    /OutOfMemory/i.test(exit.reason ?? '') || /OutOfMemory/i.test(exit.stoppedReason)
      ? causeOf(outOfMemory, { exitCode }, 'immediate')
      : /exec format error/i.test(text)
        ? causeOf(architectureMismatch, { architecture: exit.architecture }, 'immediate')
        : /CannotStartContainerError/i.test(text)
          ? causeOf(containerStartFailed, undefined, 'immediate')
          : causeOf(containerExited, { exitCode }, 'immediate');
  return { ...named, ...withExit };
}
