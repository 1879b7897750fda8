import { IMAGE_PLATFORMS } from '../../config/fargate.js';
import type { Cause } from '../cause.js';

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
  const withExit = exit.exitCode === undefined ? {} : { exitCode: exit.exitCode };
  if (/OutOfMemory/i.test(exit.reason ?? '') || /OutOfMemory/i.test(exit.stoppedReason)) {
    return {
      id: 'out-of-memory',
      title: `The container ran out of memory and was killed${exit.exitCode === undefined ? '' : ` (exit ${exit.exitCode})`}`,
      fix: 'Raise ecs.memory in hatoba.yml (allowed sizes depend on ecs.cpu), or cap the runtime heap below it (Node: NODE_OPTIONS=--max-old-space-size=…; JVM: -XX:MaxRAMPercentage=75).',
      urgency: 'immediate',
      ...withExit,
    };
  }
  if (/exec format error/i.test(text)) {
    return {
      id: 'architecture-mismatch',
      title: `The image was built for another CPU architecture than the task's (${exit.architecture})`,
      fix: `Build the image for ${IMAGE_PLATFORMS[exit.architecture]} (docker buildx build --platform ${IMAGE_PLATFORMS[exit.architecture]}; an Apple-silicon laptop builds linux/arm64 by default), or set ecs.architecture to the image's platform.`,
      urgency: 'immediate',
      ...withExit,
    };
  }
  if (/CannotStartContainerError/i.test(text)) {
    return {
      id: 'container-start-failed',
      title: 'The container could not be started (entrypoint or command not runnable)',
      fix: 'Check the image ENTRYPOINT/CMD: the executable must exist in the image and be executable by ecs.container.user; run the image locally with `hatoba rehearse`.',
      urgency: 'immediate',
      ...withExit,
    };
  }
  const code = exit.exitCode;
  return {
    id: 'container-exited',
    title:
      code === undefined
        ? 'The application container stopped'
        : code === 0
          ? 'The application exited with code 0 (a service must keep running)'
          : `The application exited with code ${code}${code === 137 ? ' (killed: SIGKILL)' : code === 143 ? ' (SIGTERM)' : ''}`,
    fix: "The container's last log lines say why: usually a missing environment variable or secret, a failed connection at start-up, or a crash. Reproduce locally with `hatoba rehearse`.",
    urgency: 'immediate',
    ...withExit,
  };
}
