import { defineCause } from './entry.js';

/** Seen by deploy only: a pull failure no more specific cause explains. */
export const imagePullFailed = defineCause({
  id: 'image-pull-failed',
  title: 'ECS could not pull the image',
  fix: 'Read the evidence: check the image reference, the execution role and the network path to the registry.',
});
