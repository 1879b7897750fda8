import { defineCause } from './entry.js';

/** Seen by deploy only. */
export const imageNotFound = defineCause({
  id: 'image-not-found',
  title: 'The image tag or digest does not exist in the repository',
  fix: 'Check that the build pushed the image you passed to --image (same repository, tag or digest), and that no ECR lifecycle rule expired it. Deploy by digest.',
});
