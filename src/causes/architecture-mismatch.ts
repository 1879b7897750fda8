import { IMAGE_PLATFORMS } from '../config/fargate.js';
import { defineCause } from './entry.js';

/** `exec format error` in the container's output, on ECS and locally alike. */
export const architectureMismatch = defineCause<{ readonly architecture: 'X86_64' | 'ARM64' }>({
  id: 'architecture-mismatch',
  title: ({ architecture }) => `The image was built for another CPU architecture than the task's (${architecture})`,
  fix: ({ architecture }) =>
    `Build the image for ${IMAGE_PLATFORMS[architecture]} (docker buildx build --platform ${IMAGE_PLATFORMS[architecture]}; an Apple-silicon laptop builds linux/arm64 by default), or set ecs.architecture to the image's platform.`,
});
