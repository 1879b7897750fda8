import { defineCause } from './entry.js';

/** Seen by deploy only: the registry has no manifest for the task's platform. */
export const imagePlatform = defineCause({
  id: 'image-platform',
  title: 'The image has no build for the CPU architecture the task runs on',
  fix: 'Build for the platform in hatoba.yml (ecs.architecture X86_64 \u2192 linux/amd64, ARM64 \u2192 linux/arm64): docker buildx build --platform linux/amd64 \u2026, or change ecs.architecture to match the image.',
});
