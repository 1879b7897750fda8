import { defineCause } from './entry.js';

/** Deploy: the container's reason says OutOfMemory. Rehearse: Docker reports the container OOM-killed. */
export const outOfMemory = defineCause<{ readonly exitCode: number | undefined }>({
  id: 'out-of-memory',
  title: ({ exitCode }) =>
    `The container ran out of memory and was killed${exitCode === undefined ? '' : ` (exit ${exitCode})`}`,
  fix: 'Raise ecs.memory in hatoba.yml (allowed sizes depend on ecs.cpu), or cap the runtime heap below it (Node: NODE_OPTIONS=--max-old-space-size=…; JVM: -XX:MaxRAMPercentage=75).',
});
