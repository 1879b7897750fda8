/**
 * An ECR repository as the Amazon ECR User Guide describes it, to check the synthesized repository against:
 * tag immutability with exclusion filters, and lifecycle policy evaluation. Built from the CloudFormation properties
 * of an AWS::ECR::Repository so a test exercises what `hatoba up` deploys.
 */

export interface RepositoryProperties {
  readonly ImageTagMutability?: string;
  readonly ImageTagMutabilityExclusionFilters?: readonly {
    readonly ImageTagMutabilityExclusionFilterType: string;
    readonly ImageTagMutabilityExclusionFilterValue: string;
  }[];
  readonly LifecyclePolicy?: { readonly LifecyclePolicyText: string };
  readonly ImageScanningConfiguration?: { readonly ScanOnPush: boolean };
}

interface Image {
  readonly digest: string;
  readonly pushedAt: number;
  tags: string[];
  /** What BatchGetImage returns, in its media type; absent for images pushed without one. */
  readonly manifest?: { readonly mediaType: string; readonly text: string };
}

/** An OCI image index listing these platforms, plus the attestation entry BuildKit adds (`unknown/unknown`). */
export function imageIndex(platforms: readonly string[]): { mediaType: string; text: string } {
  const mediaType = 'application/vnd.oci.image.index.v1+json';
  const entry = (os: string, architecture: string) => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: `sha256:${'ab'.repeat(32)}`,
    size: 1000,
    platform: { os, architecture },
  });
  const manifests = [
    ...platforms.map((p) => entry(...(p.split('/') as [string, string]))),
    entry('unknown', 'unknown'),
  ];
  return { mediaType, text: JSON.stringify({ schemaVersion: 2, mediaType, manifests }) };
}

interface LifecycleRule {
  readonly rulePriority: number;
  readonly selection: {
    readonly tagStatus: 'tagged' | 'untagged' | 'any';
    readonly tagPatternList?: readonly string[];
    readonly tagPrefixList?: readonly string[];
    readonly countType: 'imageCountMoreThan' | 'sinceImagePushed';
    readonly countNumber: number;
  };
}

const DAY = 86_400_000;

/** `*` matches any run of characters; nothing else is special (tag patterns and exclusion filters alike). */
function wildcard(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^$()|[\]\\/{}]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(value);
}

export class FakeEcrRepository {
  private readonly images: Image[] = [];
  private readonly rules: LifecycleRule[];
  private serial = 0;

  constructor(private readonly properties: RepositoryProperties) {
    const filters = properties.ImageTagMutabilityExclusionFilters ?? [];
    const mutability = properties.ImageTagMutability ?? 'MUTABLE';
    // PutImageTagMutability (ECR API Reference): 1 to 5 filters, type WILDCARD, value ^[0-9a-zA-Z._*-]{1,128}$, and
    // filters only with the _WITH_EXCLUSION settings.
    if (mutability.endsWith('_WITH_EXCLUSION') !== filters.length > 0 || filters.length > 5) {
      throw new Error(`InvalidParameterException: ${mutability} with ${filters.length} exclusion filters`);
    }
    for (const filter of filters) {
      if (filter.ImageTagMutabilityExclusionFilterType !== 'WILDCARD') throw new Error('filter type must be WILDCARD');
      if (!/^[0-9a-zA-Z._*-]{1,128}$/.test(filter.ImageTagMutabilityExclusionFilterValue)) {
        throw new Error(`invalid exclusion filter ${filter.ImageTagMutabilityExclusionFilterValue}`);
      }
    }
    const text = properties.LifecyclePolicy?.LifecyclePolicyText;
    this.rules = text === undefined ? [] : (JSON.parse(text) as { rules: LifecycleRule[] }).rules;
    this.validateRules();
  }

  /** Whether pushing to an existing `tag` may move it (Preventing image tags from being overwritten in Amazon ECR). */
  tagIsMutable(tag: string): boolean {
    const mutability = this.properties.ImageTagMutability ?? 'MUTABLE';
    const excluded = (this.properties.ImageTagMutabilityExclusionFilters ?? []).some((f) =>
      wildcard(f.ImageTagMutabilityExclusionFilterValue, tag),
    );
    if (mutability === 'MUTABLE') return true;
    if (mutability === 'IMMUTABLE') return false;
    return mutability === 'IMMUTABLE_WITH_EXCLUSION' ? excluded : !excluded;
  }

  /** PutImage of a new manifest with `tag`: ImageTagAlreadyExistsException when the tag exists and is immutable. */
  push(tag: string, at: number, manifest?: Image['manifest']): void {
    const holder = this.images.find((image) => image.tags.includes(tag));
    if (holder !== undefined) {
      if (!this.tagIsMutable(tag)) {
        throw new Error(
          `ImageTagAlreadyExistsException: The image tag '${tag}' already exists and cannot be overwritten because the repository is immutable.`,
        );
      }
      // The tag moves to the new manifest; the old one stays, untagged when that was its last tag.
      holder.tags = holder.tags.filter((t) => t !== tag);
    }
    const digest = `sha256:${String(++this.serial).padStart(64, '0')}`;
    this.images.push({ digest, pushedAt: at, tags: [tag], ...(manifest === undefined ? {} : { manifest }) });
  }

  /** DescribeRepositories' Repository for this one (ECR API Reference, Repository data type). */
  describe(name: string, uri: string) {
    const p = this.properties;
    return {
      repositoryName: name,
      repositoryUri: uri,
      imageTagMutability: (p.ImageTagMutability ?? 'MUTABLE') as 'MUTABLE',
      imageTagMutabilityExclusionFilters: (p.ImageTagMutabilityExclusionFilters ?? []).map((f) => ({
        filterType: f.ImageTagMutabilityExclusionFilterType as 'WILDCARD',
        filter: f.ImageTagMutabilityExclusionFilterValue,
      })),
      imageScanningConfiguration: { scanOnPush: p.ImageScanningConfiguration?.ScanOnPush ?? false },
    };
  }

  hasLifecyclePolicy(): boolean {
    return this.properties.LifecyclePolicy !== undefined;
  }

  /** DescribeImages: filter.tagStatus TAGGED | UNTAGGED | ANY (ECR API Reference, DescribeImagesFilter). */
  describeImages(tagStatus: string | undefined) {
    if (tagStatus !== undefined && !['TAGGED', 'UNTAGGED', 'ANY'].includes(tagStatus)) {
      throw new Error(`InvalidParameterException: tagStatus ${tagStatus}`);
    }
    return this.images
      .filter((i) =>
        tagStatus === 'TAGGED' ? i.tags.length > 0 : tagStatus === 'UNTAGGED' ? i.tags.length === 0 : true,
      )
      .map((i) => ({
        imageDigest: i.digest,
        imageTags: [...i.tags],
        imagePushedAt: new Date(i.pushedAt),
        ...(i.manifest === undefined ? {} : { imageManifestMediaType: i.manifest.mediaType }),
      }));
  }

  /**
   * BatchGetImage of one digest. The fake is strict: it returns a manifest only when acceptedMediaTypes names the
   * media type it was pushed with, so the code must ask for an index as an index.
   */
  batchGetImage(digest: string, accepted: readonly string[] | undefined) {
    const image = this.images.find((i) => i.digest === digest);
    if (image === undefined) {
      return { images: [], failures: [{ imageId: { imageDigest: digest }, failureCode: 'ImageNotFound' as const }] };
    }
    if (image.manifest === undefined || !(accepted ?? []).includes(image.manifest.mediaType)) {
      throw new Error(`UnsupportedImageTypeException: ${image.manifest?.mediaType} not in acceptedMediaTypes`);
    }
    return {
      images: [
        {
          imageId: { imageDigest: digest },
          imageManifest: image.manifest.text,
          imageManifestMediaType: image.manifest.mediaType,
        },
      ],
      failures: [],
    };
  }

  tags(): string[] {
    return this.images.flatMap((image) => image.tags).sort();
  }

  untaggedCount(): number {
    return this.images.filter((image) => image.tags.length === 0).length;
  }

  /**
   * One lifecycle run at `now` (Automate the cleanup of images by using lifecycle policies in Amazon ECR, "Lifecycle
   * policy evaluation rules"): rules by priority, lowest first; an image that matches the tagging requirements of a
   * rule cannot be expired by a rule with a lower priority; a rule still counts images a higher rule claimed; a
   * tagPatternList selects images that match every pattern; imageCountMoreThan keeps the newest N.
   */
  runLifecycle(now: number): void {
    const claimed = new Set<Image>();
    const expired = new Set<Image>();
    for (const rule of [...this.rules].sort((a, b) => a.rulePriority - b.rulePriority)) {
      const selected = this.images.filter((image) => selects(rule, image));
      const candidates =
        rule.selection.countType === 'imageCountMoreThan'
          ? [...selected].sort((a, b) => b.pushedAt - a.pushedAt).slice(rule.selection.countNumber)
          : selected.filter((image) => now - image.pushedAt > rule.selection.countNumber * DAY);
      for (const image of candidates) if (!claimed.has(image)) expired.add(image);
      for (const image of selected) claimed.add(image);
    }
    for (let i = this.images.length - 1; i >= 0; i--) {
      if (expired.has(this.images[i] as Image)) this.images.splice(i, 1);
    }
  }

  /** Lifecycle policy properties in Amazon ECR: the constraints ECR itself rejects a policy for. */
  private validateRules(): void {
    const priorities = this.rules.map((r) => r.rulePriority);
    if (new Set(priorities).size !== priorities.length) throw new Error('rulePriority values must be unique');
    const any = this.rules.filter((r) => r.selection.tagStatus === 'any');
    if (any.length > 0 && Math.max(...priorities) !== any[0]?.rulePriority) {
      throw new Error('a tagStatus any rule must have the highest rulePriority');
    }
    for (const rule of this.rules) {
      const { tagStatus, tagPatternList, tagPrefixList } = rule.selection;
      if (tagStatus === 'tagged' && tagPatternList === undefined && tagPrefixList === undefined) {
        throw new Error('a tagged rule needs tagPatternList or tagPrefixList');
      }
      if (tagStatus === 'untagged' && (tagPatternList !== undefined || tagPrefixList !== undefined)) {
        throw new Error('an untagged rule takes no tag lists');
      }
      // There is a maximum limit of four wildcards (*) per string.
      if ((tagPatternList ?? []).some((p) => (p.match(/\*/g) ?? []).length > 4))
        throw new Error('more than 4 wildcards');
    }
  }
}

function selects(rule: LifecycleRule, image: Image): boolean {
  const { tagStatus, tagPatternList, tagPrefixList } = rule.selection;
  if (tagStatus === 'any') return true;
  if (tagStatus === 'untagged') return image.tags.length === 0;
  if (image.tags.length === 0) return false;
  if (tagPatternList) return tagPatternList.every((p) => image.tags.some((tag) => wildcard(p, tag)));
  return (tagPrefixList ?? []).every((p) => image.tags.some((tag) => tag.startsWith(p)));
}

export const DAYS = DAY;
