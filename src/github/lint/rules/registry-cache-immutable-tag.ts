import { BUILD_CACHE_TAG } from '../../../config/build-cache.js';
import { type Message, message } from '../../../i18n/message.js';
import type { LintKey } from '../../../i18n/messages/lint.js';
import { wildcardMatch } from '../../../iam/match.js';
import type { Finding } from '../finding.js';
import { registryCaches, repositoryTag } from '../registry-cache.js';
import { finding, type LintRule, type RegistryTarget } from '../rule.js';

/**
 * A registry cache export moves its tag on every build; ECR refuses to move an immutable tag
 * (ImageTagAlreadyExistsException, "Preventing image tags from being overwritten in Amazon ECR"), so every build after
 * the first fails at the export unless the repository excludes that tag from immutability.
 */
/** Whether the repository lets `tag` move to a new image. */
export function tagMoves(registry: RegistryTarget, tag: string): boolean {
  const matches = (patterns: readonly string[]) => patterns.some((pattern) => wildcardMatch(pattern, tag));
  return registry.immutable ? matches(registry.mutableTags) : !matches(registry.immutableTags ?? []);
}

/** `IMMUTABLE`, `IMMUTABLE except for "buildcache"`, `MUTABLE except for "ca*"`. */
function mutability(registry: RegistryTarget): string | Message<LintKey> {
  const exceptions = registry.immutable ? registry.mutableTags : (registry.immutableTags ?? []);
  const setting = registry.immutable ? 'IMMUTABLE' : 'MUTABLE';
  if (exceptions.length === 0) return setting;
  return message('registry-cache-immutable-tag.mutability', { setting, tags: `"${exceptions.join('", "')}"` });
}

export const registryCacheImmutableTag: LintRule = {
  id: 'registry-cache-immutable-tag',
  severity: 'warning',
  summary: 'a BuildKit registry cache is exported to a tag the immutable ECR repository will not let move',
  check(workflow, context) {
    const registry = context.registry;
    if (registry === undefined || (!registry.immutable && (registry.immutableTags ?? []).length === 0)) return [];
    const [host = '', ...path] = registry.repositoryUri.split('/');
    const repository = path.join('/');
    const findings: Finding[] = [];
    for (const job of workflow.jobs) {
      for (const cache of registryCaches(job)) {
        if (cache.direction !== 'to') continue;
        const target = repositoryTag(cache.ref, host);
        if (target === undefined || target.repository !== repository) continue;
        if (tagMoves(registry, target.tag)) continue;
        const params = { job: job.id, ref: cache.ref, repository, mutability: mutability(registry) };
        findings.push(
          registry.source === 'hatoba.yml'
            ? finding(
                this,
                workflow,
                cache.path,
                message('registry-cache-immutable-tag.config', params),
                message('registry-cache-immutable-tag.fix.config', {
                  target: `${registry.repositoryUri}:${BUILD_CACHE_TAG}`,
                }),
              )
            : finding(
                this,
                workflow,
                cache.path,
                message('registry-cache-immutable-tag.live', params),
                // PutImageTagMutability and ImageTagMutabilityExclusionFilter (Amazon ECR API Reference): filterType WILDCARD.
                message(
                  target.tag === BUILD_CACHE_TAG
                    ? 'registry-cache-immutable-tag.fix.live-up'
                    : 'registry-cache-immutable-tag.fix.live',
                  { repository, tag: target.tag },
                ),
              ),
        );
      }
    }
    return findings;
  },
};
