import { defineCause } from './entry.js';

/** Deploy: CannotStartContainerError. Rehearse: exit code 126 or 127. */
export const containerStartFailed = defineCause({
  id: 'container-start-failed',
  title: 'The container could not be started (entrypoint or command not runnable)',
  fix: 'Check the image ENTRYPOINT/CMD: the executable must exist in the image and be executable by ecs.container.user; run the image locally with `hatoba rehearse`.',
});
