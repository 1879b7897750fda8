import { IMAGE_PLATFORMS } from '../config/fargate.js';
import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** `exec format error` in the container's output, on ECS and locally alike. */
export const architectureMismatch = defineCause<{ readonly architecture: 'X86_64' | 'ARM64' }>({
  id: 'architecture-mismatch',
  title: ({ architecture }) => message('architecture-mismatch.title', { architecture }),
  fix: ({ architecture }) => message('architecture-mismatch.fix', { platform: IMAGE_PLATFORMS[architecture] }),
});
