/**
 * The one table of third-party actions hatoba writes into workflows, pinned to full commit SHAs.
 *
 * A tag can be moved to other code; a 40-hex commit cannot, so a pin is the only reference that says exactly what
 * runs with the job's OIDC token. Each SHA below was checked against at least two independent public repositories
 * that pin the same commit with the same `# vX.Y.Z` comment (GitHub code search, 2026):
 *
 * - actions/checkout v6.0.3, docker/build-push-action v6.19.2, docker/setup-buildx-action v3.12.0,
 *   actions/setup-node v6.4.0, aws-actions/amazon-ecr-login v2.1.6, aws-actions/configure-aws-credentials v6.0.0
 *   (the last also by more than five repositories, one noting its February 2026 release).
 *
 * To update: take the new release's tag commit from the action's repository, cross-check it the same way, and run
 * `hatoba init --force` (or the example test) so generated workflows follow.
 */
export const PINNED_ACTIONS = {
  checkout: { repository: 'actions/checkout', sha: 'df4cb1c069e1874edd31b4311f1884172cec0e10', version: 'v6.0.3' },
  configureAwsCredentials: {
    repository: 'aws-actions/configure-aws-credentials',
    sha: '8df5847569e6427dd6c4fb1cf565c83acfa8afa7',
    version: 'v6.0.0',
  },
  amazonEcrLogin: {
    repository: 'aws-actions/amazon-ecr-login',
    sha: 'd539f0932e70871a027e9d5a9d8fc38589180a64',
    version: 'v2.1.6',
  },
  setupBuildx: {
    repository: 'docker/setup-buildx-action',
    sha: '8d2750c68a42422c14e847fe6c8ac0403b4cbd6f',
    version: 'v3.12.0',
  },
  buildPush: {
    repository: 'docker/build-push-action',
    sha: '10e90e3645eae34f1e60eeb005ba3a3d33f178e8',
    version: 'v6.19.2',
  },
  setupNode: { repository: 'actions/setup-node', sha: '48b55a011bda9f5d6aeb4c2d9c7362e8dae4041e', version: 'v6.4.0' },
} as const satisfies Record<string, PinnedAction>;

export interface PinnedAction {
  /** `owner/repo` */
  readonly repository: string;
  /** Full 40-hex commit SHA of the release tag. */
  readonly sha: string;
  /** The release the SHA is, written as the `# vX.Y.Z` comment after `uses:`. */
  readonly version: string;
}

export type PinnedActionName = keyof typeof PINNED_ACTIONS;

/**
 * hatoba's own deploy action (action.yml: the deploy path bundled into one file, nothing to install), once a release
 * publishes it: its repository and the release's tag commit. Until then generated deploy jobs run
 * `npx hatoba@<version> deploy`; with an entry here `hatoba init --force` writes `uses: <repository>@<sha> # <version>`.
 */
export const HATOBA_ACTION = undefined as PinnedAction | undefined;

function known(): PinnedAction[] {
  return [...Object.values(PINNED_ACTIONS), ...(HATOBA_ACTION === undefined ? [] : [HATOBA_ACTION])];
}

/** `owner/repo@<sha>`, the value of `uses:`. */
export function pinnedUses(name: PinnedActionName): string {
  const action = PINNED_ACTIONS[name];
  return `${action.repository}@${action.sha}`;
}

/** The table's pin of an action (`owner/repo`, any letter case); undefined for actions hatoba does not write. */
export function pinnedAction(repository: string): PinnedAction | undefined {
  const lower = repository.toLowerCase();
  return known().find((a) => a.repository === lower);
}

/** The release a pinned commit of this table is, e.g. `v6.0.3`; undefined for commits the table does not know. */
export function pinnedVersion(repository: string, sha: string): string | undefined {
  const action = pinnedAction(repository);
  return action?.sha === sha.toLowerCase() ? action.version : undefined;
}
