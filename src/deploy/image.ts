import { UserError } from '../errors.js';

export interface ImageReference {
  /** As given, e.g. `123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app@sha256:…` */
  readonly uri: string;
  readonly registry: string | undefined;
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REFERENCE = new RegExp(
  `^(?:(?<registry>[A-Za-z0-9.-]+(?::\\d+)?)/)?(?<repository>${COMPONENT}(?:/${COMPONENT})*)` +
    '(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$',
);

// Tags people move from image to image; a deploy by one of these cannot be reproduced or rolled back reliably.
const MUTABLE_TAGS = new Set(['latest', 'main', 'master', 'stable', 'dev', 'develop', 'prod', 'production', 'staging']);

/** Parses `--image`; a malformed reference is a usage error (exit 2). */
export function parseImageReference(uri: string): ImageReference {
  const groups = REFERENCE.exec(uri.trim())?.groups;
  if (groups?.repository === undefined) throw invalidImage(uri);
  let { registry } = groups;
  let repository = groups.repository;
  // `team/app` without a dot or port: the first part is a path component, not a registry host.
  if (registry !== undefined && !/[.:]/.test(registry) && registry !== 'localhost') {
    repository = `${registry}/${repository}`;
    registry = undefined;
    if (!new RegExp(`^${COMPONENT}$`).test(repository.split('/')[0] ?? '')) throw invalidImage(uri);
  }
  return { uri: uri.trim(), registry, repository, tag: groups.tag, digest: groups.digest };
}

function invalidImage(uri: string): UserError {
  return new UserError(
    `--image: ${JSON.stringify(uri)} is not an image reference`,
    'Pass REGISTRY/REPOSITORY:TAG or REGISTRY/REPOSITORY@sha256:DIGEST, e.g. ' +
      '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/hello-service@sha256:… (the digest docker/build-push-action outputs).',
  );
}

/** Warnings worth printing before a deploy: mutable tags and images outside the configured repository. */
export function imageWarnings(image: ImageReference, expectedRepositoryUri: string): string[] {
  const warnings: string[] = [];
  if (image.digest === undefined) {
    if (image.tag === undefined) {
      warnings.push(`--image has neither tag nor digest, so ECS pulls :latest; deploy by digest (…@sha256:…)`);
    } else if (MUTABLE_TAGS.has(image.tag.toLowerCase())) {
      warnings.push(
        `--image uses the mutable tag :${image.tag}; a rollback to this revision may start a different image. ` +
          'Deploy by digest (…@sha256:…) or an immutable tag such as the git sha.',
      );
    }
  }
  const repositoryUri = image.registry === undefined ? image.repository : `${image.registry}/${image.repository}`;
  if (repositoryUri !== expectedRepositoryUri) {
    warnings.push(
      `--image is not in ${expectedRepositoryUri} (the repository in hatoba.yml); the task execution role can pull ` +
        'only from that repository',
    );
  }
  return warnings;
}

/** The digest of an image reference, or null when it names a tag (or is not a reference at all). */
export function digestOf(uri: string): string | null {
  try {
    return parseImageReference(uri).digest ?? null;
  } catch {
    return null;
  }
}
