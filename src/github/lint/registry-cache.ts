import { BUILD_CACHE_TAG } from '../../config/build-cache.js';
import type { HatobaConfig } from '../../config/resolve.js';
import { repositoryUri } from '../../naming.js';
import { stepsUsing } from './jobs.js';
import type { RegistryTarget } from './rule.js';
import type { Job, Step, YamlPath } from './workflow.js';

export const BUILD_PUSH_ACTION = 'docker/build-push-action';

/** One `type=registry` BuildKit cache a step imports (`from`) or exports (`to`). */
export interface RegistryCache {
  readonly direction: 'from' | 'to';
  /** `registry/repository:tag` as written. */
  readonly ref: string;
  readonly step: Step;
  /** Where it is written: the `with:` key, or the step's `run:`. */
  readonly path: YamlPath;
}

/**
 * Registry caches of a job: `cache-from`/`cache-to` of docker/build-push-action (one cache per line) and
 * `--cache-from`/`--cache-to` of `docker buildx build` in `run:` steps. A bare value (`--cache-to user/app:cache`) is
 * buildx's shorthand for `type=registry,ref=…`; other cache types (gha, local, s3, …) are not registry tags.
 */
export function registryCaches(job: Job): RegistryCache[] {
  const caches: RegistryCache[] = [];
  for (const step of stepsUsing(job, BUILD_PUSH_ACTION)) {
    for (const direction of ['from', 'to'] as const) {
      const value = step.with[`cache-${direction}`];
      if (typeof value !== 'string') continue;
      for (const spec of value.split('\n')) {
        const ref = registryRef(spec);
        if (ref !== undefined)
          caches.push({ direction, ref, step, path: [...step.path, 'with', `cache-${direction}`] });
      }
    }
  }
  for (const step of job.steps) {
    if (step.run === undefined) continue;
    for (const match of step.run.matchAll(/--cache-(from|to)(?:=|\s+)("[^"]*"|'[^']*'|\S+)/g)) {
      const ref = registryRef((match[2] ?? '').replace(/^["']|["']$/g, ''));
      if (ref !== undefined) {
        caches.push({ direction: match[1] as 'from' | 'to', ref, step, path: [...step.path, 'run'] });
      }
    }
  }
  return caches;
}

/** The `ref` of a registry cache spec, undefined for other cache types. */
function registryRef(spec: string): string | undefined {
  const trimmed = spec.trim();
  if (trimmed === '') return undefined;
  if (!trimmed.includes('=')) return trimmed;
  const fields = new Map(
    trimmed.split(',').map((field) => {
      const at = field.indexOf('=');
      return [field.slice(0, at).trim(), field.slice(at + 1).trim()] as const;
    }),
  );
  return fields.get('type') === 'registry' ? fields.get('ref') : undefined;
}

/** `host/path/name:tag` → repository `path/name` and tag; undefined when `ref` is not on `host` or has no tag. */
export function repositoryTag(ref: string, host: string): { repository: string; tag: string } | undefined {
  if (!ref.toLowerCase().startsWith(`${host.toLowerCase()}/`)) return undefined;
  const rest = ref.slice(host.length + 1).split('@')[0] ?? '';
  const colon = rest.lastIndexOf(':');
  if (colon < 0) return undefined;
  return { repository: rest.slice(0, colon), tag: rest.slice(colon + 1) };
}

/** The repository `hatoba up` creates from hatoba.yml: IMMUTABLE excludes the build cache tag (image-repository.ts). */
export function registryTarget(config: HatobaConfig): RegistryTarget {
  const immutable = config.ecr.tagMutability === 'IMMUTABLE';
  return {
    repositoryUri: repositoryUri(config),
    immutable,
    mutableTags: immutable ? [BUILD_CACHE_TAG] : [],
    source: 'hatoba.yml',
  };
}
