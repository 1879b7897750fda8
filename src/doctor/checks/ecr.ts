import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  type ECRClient,
  GetLifecyclePolicyCommand,
  type ImageDetail,
  type Repository,
} from '@aws-sdk/client-ecr';
import { BUILD_CACHE_TAG } from '../../config/build-cache.js';
import { IMAGE_PLATFORMS } from '../../config/fargate.js';
import type { HatobaConfig } from '../../config/resolve.js';
import type { RegistryTarget } from '../../github/lint/rule.js';
import { registryCacheImmutableTag } from '../../github/lint/rules/registry-cache-immutable-tag.js';
import { message } from '../../i18n/message.js';
import { repositoryUri } from '../../naming.js';
import { type CheckResult, type DoctorCheck, type DoctorInput, errorName, fail, ok, warn } from '../check.js';
import { lintAgainstLive } from '../lint-live.js';

/** Manifest lists name each image's platform; a single image keeps it in its config blob (a layer download). */
const INDEX_MEDIA_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
/** DescribeImages pages to read at most when looking for the newest image (1000 images a page). */
const MAX_IMAGE_PAGES = 10;

/** The image repository: exists, lets the build cache tag move, scans on push, expires images, holds the right platform. */
export const ecr: DoctorCheck = {
  id: 'ecr',
  async run(input) {
    const { config, clients } = input;
    const name = config.ecr.repository;
    const build = config.environment?.build;
    if (build !== undefined && build.account !== config.aws.account) {
      // With `environments`, the one repository is in the build account, which these credentials are not for.
      return [
        ok(
          'ecr.repository',
          `not checked here: ${name} is in the build account ${build.account} (doctor checks it for an environment there)`,
        ),
      ];
    }
    let repository: Repository | undefined;
    try {
      const answer = await clients.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }));
      repository = answer.repositories?.[0];
    } catch (error) {
      // ECR DescribeRepositories: RepositoryNotFoundException "The specified repository could not be found".
      if (errorName(error) !== 'RepositoryNotFoundException') throw error;
    }
    if (repository === undefined) {
      return [fail('ecr.repository', message('ecr.repository.missing', { name }), message('create-with-up'))];
    }
    return [
      ok(
        'ecr.repository',
        message('ecr.repository', {
          uri: repository.repositoryUri ?? name,
          mutability: repository.imageTagMutability ?? 'MUTABLE',
        }),
      ),
      await cacheTag(input, repository),
      scanOnPush(config, repository),
      await lifecycle(clients.ecr, name),
      await platform(clients.ecr, config),
    ];
  },
};

/** The live repository as the registry rule sees one (ECR PutImageTagMutability: the four settings and filters). */
function liveRegistry(config: HatobaConfig, repository: Repository): RegistryTarget {
  const mutability = repository.imageTagMutability ?? 'MUTABLE';
  const filters = (repository.imageTagMutabilityExclusionFilters ?? []).map((f) => f.filter ?? '');
  const immutable = mutability.startsWith('IMMUTABLE');
  return {
    repositoryUri: repositoryUri(config),
    immutable,
    mutableTags: immutable ? filters : [],
    immutableTags: immutable ? [] : filters,
    source: 'live',
  };
}

async function cacheTag(input: DoctorInput, repository: Repository): Promise<CheckResult> {
  const id = 'ecr.cache-tag';
  const findings = await lintAgainstLive(input, id, { registry: liveRegistry(input.config, repository) });
  if (!Array.isArray(findings)) return findings;
  const stuck = findings.filter((f) => f.rule === registryCacheImmutableTag.id);
  const [first] = stuck;
  if (first !== undefined) {
    // The rule words it from the live setting (RegistryTarget.source): no second text here.
    return fail(
      id,
      first.text?.message ?? first.message,
      first.text?.fix ?? first.fix,
      stuck.map((f) => `${f.file}:${f.line}`),
    );
  }
  return ok(id, message('ecr.cache-tag'));
}

function scanOnPush(config: HatobaConfig, repository: Repository): CheckResult {
  const on = repository.imageScanningConfiguration?.scanOnPush === true;
  if (config.ecr.scanOnPush && !on) {
    return warn(
      'ecr.scan-on-push',
      message('ecr.scan-on-push.missing', { name: String(repository.repositoryName) }),
      message('ecr.scan-on-push.fix', { name: String(repository.repositoryName) }),
    );
  }
  return ok('ecr.scan-on-push', message(on ? 'ecr.scan-on-push' : 'ecr.scan-on-push.off'));
}

async function lifecycle(client: ECRClient, name: string): Promise<CheckResult> {
  try {
    await client.send(new GetLifecyclePolicyCommand({ repositoryName: name }));
    return ok('ecr.lifecycle', message('ecr.lifecycle', { name }));
  } catch (error) {
    // ECR GetLifecyclePolicy: LifecyclePolicyNotFoundException "The lifecycle policy could not be found".
    if (errorName(error) !== 'LifecyclePolicyNotFoundException') throw error;
    return warn('ecr.lifecycle', message('ecr.lifecycle.missing', { name }), message('ecr.lifecycle.fix'));
  }
}

/**
 * The newest deployable image (tagged, not the build cache) and its platforms. An image index lists them
 * (BatchGetImage with the index's own media type in acceptedMediaTypes); a single manifest's platform is in its
 * config blob, which only a layer download reads, so it is reported as unknown.
 */
async function platform(client: ECRClient, config: HatobaConfig): Promise<CheckResult> {
  const id = 'ecr.platform';
  const name = config.ecr.repository;
  const newest = await newestImage(client, name);
  if (newest === undefined) return ok(id, message('ecr.platform.empty', { name }));
  const tag = newest.imageTags?.[0] ?? newest.imageDigest ?? '?';
  const wanted = IMAGE_PLATFORMS[config.ecs.architecture];
  const mediaType = newest.imageManifestMediaType ?? '';
  if (!INDEX_MEDIA_TYPES.has(mediaType)) {
    return warn(
      id,
      message('ecr.platform.unknown', { image: `${name}:${tag}` }),
      message('ecr.platform.unknown.fix', { wanted }),
    );
  }
  const answer = await client.send(
    new BatchGetImageCommand({
      repositoryName: name,
      imageIds: [{ imageDigest: newest.imageDigest }],
      acceptedMediaTypes: [mediaType],
    }),
  );
  const platforms = indexPlatforms(answer.images?.[0]?.imageManifest);
  if (platforms.includes(wanted)) return ok(id, message('ecr.platform', { image: `${name}:${tag}`, wanted }));
  return fail(
    id,
    message('ecr.platform.other', {
      image: `${name}:${tag}`,
      platforms: platforms.join(', ') || message('ecr.platform.none'),
      architecture: config.ecs.architecture,
      wanted,
    }),
    message('ecr.platform.fix', { wanted }),
  );
}

async function newestImage(client: ECRClient, name: string): Promise<ImageDetail | undefined> {
  let newest: ImageDetail | undefined;
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_IMAGE_PAGES; page++) {
    const answer = await client.send(
      new DescribeImagesCommand({ repositoryName: name, filter: { tagStatus: 'TAGGED' }, nextToken }),
    );
    for (const image of answer.imageDetails ?? []) {
      if (image.imageTags?.includes(BUILD_CACHE_TAG)) continue;
      if (newest === undefined || (image.imagePushedAt?.getTime() ?? 0) > (newest.imagePushedAt?.getTime() ?? 0)) {
        newest = image;
      }
    }
    nextToken = answer.nextToken;
    if (nextToken === undefined) break;
  }
  return newest;
}

/** `os/architecture` of each image an index lists, without BuildKit's attestation entries (`unknown/unknown`). */
function indexPlatforms(manifest: string | undefined): string[] {
  try {
    const parsed = JSON.parse(manifest ?? '{}') as {
      manifests?: { platform?: { os?: string; architecture?: string } }[];
    };
    return (parsed.manifests ?? [])
      .map((m) => `${m.platform?.os ?? 'unknown'}/${m.platform?.architecture ?? 'unknown'}`)
      .filter((p) => p !== 'unknown/unknown');
  } catch {
    return [];
  }
}
