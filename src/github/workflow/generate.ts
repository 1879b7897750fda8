import { posix } from 'node:path';
import { Document, visit } from 'yaml';
import { buildArgs } from '../../build/build-args.js';
import { BUILD_CACHE_TAG } from '../../config/build-cache.js';
import { IMAGE_PLATFORMS } from '../../config/fargate.js';
import { defaultAudience } from '../../config/regions.js';
import type { HatobaConfig } from '../../config/resolve.js';
import { UserError } from '../../errors.js';
import { buildJobConfig } from '../../iam/trust.js';
import { repositoryUri } from '../../naming.js';
import { DEPLOY_WORKFLOW } from '../../oidc/workflow-paths.js';
import { dispatchGuard } from './dispatch-guard.js';
import { ECS_DEPLOY_WORKFLOW, PUSH_WORKFLOW } from './paths.js';
import { HATOBA_ACTION, type PinnedAction, pinnedUses, pinnedVersion } from './pinned-actions.js';
import { PUSH_REGION_VARIABLE, PUSH_ROLE_ARN_VARIABLE, REGION_VARIABLE, ROLE_ARN_VARIABLE } from './variables.js';

export { PUSH_REGION_VARIABLE, PUSH_ROLE_ARN_VARIABLE, REGION_VARIABLE, ROLE_ARN_VARIABLE } from './variables.js';

/** The variables a job's configure-aws-credentials step reads its role and Region from. */
interface CredentialVariables {
  readonly roleArn: string;
  readonly region: string;
}
const DEPLOY_CREDENTIALS: CredentialVariables = { roleArn: ROLE_ARN_VARIABLE, region: REGION_VARIABLE };
const PUSH_CREDENTIALS: CredentialVariables = { roleArn: PUSH_ROLE_ARN_VARIABLE, region: PUSH_REGION_VARIABLE };

/** Node.js the deploy job runs `hatoba deploy` with (the active LTS line). */
const NODE_VERSION = '24';
const BUILD_TIMEOUT_MINUTES = 30;
const DEPLOY_TIMEOUT_MINUTES = 30;

export interface WorkflowOptions {
  /** The hatoba release the deploy job runs with `npx`, pinned so a deploy never picks up an unreviewed release. */
  readonly hatobaVersion: string;
  /** Two workflows (build/push, then a reusable deploy) instead of one. */
  readonly split?: boolean;
  /** Directory of hatoba.yml relative to the repository root (`.` when it sits at the root). */
  readonly configDir?: string;
  /** hatoba's deploy action to use instead of `npx` (default: the table's HATOBA_ACTION, none until released). */
  readonly hatobaAction?: PinnedAction | undefined;
  /**
   * Every environment of a hatoba.yml with `environments` (LoadedConfig.environments), in promotion order: one build
   * job, then one deploy job per environment. Empty or absent: the single-environment workflow.
   */
  readonly environments?: readonly HatobaConfig[] | undefined;
}

export interface GeneratedWorkflow {
  /** Path relative to the repository root. */
  readonly path: string;
  readonly content: string;
}

/** A GitHub Actions expression, `${{ body }}`. */
export function expr(body: string): string {
  return `\${{ ${body} }}`;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Mapping = { [key: string]: Json };

/**
 * The build → push → deploy workflow(s) for a configuration. Hardened by construction: no token permissions at the
 * top, `id-token: write` only on the jobs that assume the role, actions pinned to commits, credentials never persisted
 * by checkout, one deploy at a time per environment.
 *
 * `split` writes `ecr-push.yml` and a reusable `ecs-deploy.yml` it calls with `workflow_call`. A called workflow's
 * token describes the caller (same `sub`, ref and environment rules), so the role trusts exactly the subjects of the
 * push triggers. `workflow_run` was rejected: its jobs run in the default branch's context, so every tag or branch
 * deploy would present `ref:refs/heads/<default branch>` and the push's own ref would be lost.
 */
export function generateWorkflows(config: HatobaConfig, options: WorkflowOptions): GeneratedWorkflow[] {
  if (options.environments !== undefined && options.environments.length > 0) {
    return [promotionWorkflow(config, options.environments, options)];
  }
  const context = buildContext(config, options);
  if (!options.split) {
    const workflow: Mapping = {
      name: `Deploy ${config.app}`,
      on: pushTriggers(config),
      permissions: {},
      jobs: { build: buildJob(context, DEPLOY_CREDENTIALS), deploy: deployJob(context, 'build', IMAGE_FROM_BUILD_JOB) },
    };
    return [{ path: DEPLOY_WORKFLOW, content: render(workflow, options, context) }];
  }
  const push: Mapping = {
    name: `Build and push ${config.app}`,
    on: pushTriggers(config),
    permissions: {},
    jobs: {
      build: buildJob(context, DEPLOY_CREDENTIALS),
      deploy: {
        name: 'Deploy',
        needs: 'build',
        // A caller grants the called workflow's jobs at most its own permissions.
        permissions: { contents: 'read', 'id-token': 'write' },
        uses: `./${ECS_DEPLOY_WORKFLOW}`,
        with: { image: IMAGE_FROM_BUILD_JOB(context) },
      },
    },
  };
  const deploy: Mapping = {
    name: `Deploy ${config.app} to ECS`,
    on: {
      workflow_call: {
        inputs: {
          image: {
            description: 'Image to deploy, by digest (<registry>/<repository>@sha256:…)',
            required: true,
            type: 'string',
          },
        },
      },
    },
    permissions: {},
    jobs: { deploy: deployJob(context, undefined, () => expr('inputs.image')) },
  };
  return [
    { path: PUSH_WORKFLOW, content: render(push, options, context) },
    { path: ECS_DEPLOY_WORKFLOW, content: render(deploy, options, context) },
  ];
}

/**
 * With `environments`: one build job that pushes the image once, with the push role (repository variables, no
 * GitHub environment, so the push role trusts the branches and tags), then one deploy job per environment in
 * promotion order, each needing the build and the previous deploy, each in its GitHub environment (its reviewers and
 * wait timers gate it, and its token's `sub` is `…:environment:NAME`, the only subject that environment's deploy role
 * trusts), each deploying the digest the build job pushed.
 *
 * `--split` is refused here: one reusable deploy workflow called once per environment would have to name its job's
 * environment with an expression (`${{ inputs.environment }}`), so which deploy role the job must satisfy would be
 * decided by each caller's input at run time; `hatoba lint` could no longer pair the job with one environment's
 * trust policy, and a wrong input would surface only as AccessDenied. One workflow names every environment literally.
 */
function promotionWorkflow(
  config: HatobaConfig,
  environments: readonly HatobaConfig[],
  options: WorkflowOptions,
): GeneratedWorkflow {
  if (options.split) {
    throw new UserError(
      '--split cannot be used with `environments` in hatoba.yml: each deploy job names its GitHub environment in one workflow',
      'Leave out --split: hatoba init writes one deploy.yml with a build job and one deploy job per environment.',
    );
  }
  const build = buildContext(buildJobConfig(config), options);
  const jobs: Mapping = { build: buildJob(build, PUSH_CREDENTIALS) };
  let previous: string | undefined;
  for (const environment of environments) {
    const id = `deploy-${environment.environment?.name ?? ''}`;
    const needs = previous === undefined ? ['build'] : ['build', previous];
    jobs[id] = deployJob(buildContext(environment, options), needs, IMAGE_FROM_BUILD_JOB);
    previous = id;
  }
  const workflow: Mapping = { name: `Deploy ${config.app}`, on: pushTriggers(build.config), permissions: {}, jobs };
  return { path: DEPLOY_WORKFLOW, content: render(workflow, options, build) };
}

interface Context {
  readonly config: HatobaConfig;
  readonly hatobaVersion: string;
  readonly repositoryUri: string;
  /** Build context and Dockerfile, relative to the repository root. */
  readonly buildContext: string;
  readonly dockerfile: string;
  /** `--config` for `hatoba deploy` when hatoba.yml is not at the repository root. */
  readonly configFile: string | undefined;
  /** `if:` that keeps manual runs to the refs the role trusts (undefined when an environment decides). */
  readonly dispatchGuard: string | undefined;
  readonly hatobaAction: PinnedAction | undefined;
}

function buildContext(config: HatobaConfig, options: WorkflowOptions): Context {
  const dir = options.configDir ?? '.';
  const buildContextPath = posix.normalize(posix.join(dir, config.build.context));
  return {
    config,
    hatobaVersion: options.hatobaVersion,
    repositoryUri: repositoryUri(config),
    buildContext: buildContextPath,
    dockerfile: posix.normalize(posix.join(buildContextPath, config.build.dockerfile)),
    configFile: dir === '.' ? undefined : posix.join(dir, 'hatoba.yml'),
    dispatchGuard: dispatchGuard(config),
    hatobaAction: 'hatobaAction' in options ? options.hatobaAction : HATOBA_ACTION,
  };
}

const IMAGE_FROM_BUILD_JOB = (context: Context) => `${context.repositoryUri}@${expr('needs.build.outputs.digest')}`;

function pushTriggers(config: HatobaConfig): Mapping {
  const push: Mapping = {};
  if (config.github.branches.length > 0) push.branches = [...config.github.branches];
  if (config.github.tags.length > 0) push.tags = [...config.github.tags];
  // No branch or tag filter at all would mean every branch; an environment-only config deploys from the default branch.
  if (Object.keys(push).length === 0) push.branches = ['main'];
  return { push, workflow_dispatch: null };
}

function runner(config: HatobaConfig): string {
  // Native Arm runners build arm64 images without QEMU emulation.
  return config.ecs.architecture === 'ARM64' ? 'ubuntu-24.04-arm' : 'ubuntu-24.04';
}

/**
 * `name`, `needs`, the dispatch guard and the environment first: the order people read a job in. Every job that
 * assumes the role declares the environment, because `environment:` replaces the ref in the token's `sub` and the
 * role trusts only `…:environment:NAME` then; a build job without it would be denied.
 */
function job(name: string, context: Context, needs: string | string[] | undefined, rest: Mapping): Mapping {
  const { environment } = context.config.github;
  return {
    name,
    ...(needs === undefined ? {} : { needs }),
    ...(context.dispatchGuard === undefined ? {} : { if: context.dispatchGuard }),
    ...(environment === undefined ? {} : { environment }),
    ...rest,
  };
}

function buildJob(context: Context, credentials: CredentialVariables): Mapping {
  const { config, repositoryUri: uri } = context;
  const cache = `type=registry,ref=${uri}:${BUILD_CACHE_TAG}`;
  return job('Build and push image', context, undefined, {
    'runs-on': runner(config),
    'timeout-minutes': BUILD_TIMEOUT_MINUTES,
    permissions: { contents: 'read', 'id-token': 'write' },
    // A newer push to the same ref makes this build obsolete.
    concurrency: { group: `build-${config.app}-${expr('github.ref')}`, 'cancel-in-progress': true },
    outputs: { digest: expr('steps.build.outputs.digest') },
    steps: [
      checkoutStep(),
      credentialsStep(config, credentials),
      { name: 'Log in to Amazon ECR', uses: pinnedUses('amazonEcrLogin') },
      { name: 'Set up Docker Buildx', uses: pinnedUses('setupBuildx') },
      {
        name: 'Build and push',
        id: 'build',
        uses: pinnedUses('buildPush'),
        with: {
          context: context.buildContext,
          file: context.dockerfile,
          platforms: IMAGE_PLATFORMS[config.ecs.architecture],
          push: true,
          tags: `${uri}:${expr('github.sha')}`,
          // ECR stores the cache as an image manifest (it rejects BuildKit's default index form); the cache tag
          // differs from the image tags and is the one tag the repository lets move (it is immutable otherwise), and
          // mode=max keeps the dependency layers of multi-stage builds.
          'cache-from': cache,
          'cache-to': `${cache},mode=max,image-manifest=true,oci-mediatypes=true`,
          // Attestations would turn the pushed digest into an index with an extra "unknown" platform entry that
          // ECR lists as a separate untagged image; the task definition wants one single-platform manifest.
          provenance: false,
          // The Dockerfile turns these into the org.opencontainers.image.revision and .source labels.
          'build-args': buildArgs(expr('github.sha'), `${expr('github.server_url')}/${config.github.repository}`).join(
            '\n',
          ),
        },
      },
    ],
  });
}

/** With `environments`, `config` is one environment's: the job is named after it and deploys to it. */
function deployJob(
  context: Context,
  needs: string | string[] | undefined,
  image: (context: Context) => string,
): Mapping {
  const { config } = context;
  const { environment } = config.github;
  const target = config.environment?.name;
  const deployArgs = [
    'deploy',
    ...(target === undefined ? [] : ['--environment', target]),
    '--image',
    `"${image(context)}"`,
  ];
  if (context.configFile !== undefined) deployArgs.push('--config', context.configFile);
  return job(target === undefined ? 'Deploy to ECS' : `Deploy to ${target}`, context, needs, {
    'runs-on': 'ubuntu-24.04',
    'timeout-minutes': DEPLOY_TIMEOUT_MINUTES,
    ...(environment === undefined ? {} : { environment }),
    permissions: { contents: 'read', 'id-token': 'write' },
    // One roll-out at a time per environment; a running deploy is never cancelled half-way.
    concurrency: {
      group:
        target !== undefined
          ? `deploy-${config.app}-${target}`
          : environment === undefined
            ? `deploy-${config.app}`
            : `deploy-${config.app}-${environment}`,
      'cancel-in-progress': false,
    },
    steps: [
      checkoutStep(),
      credentialsStep(config, DEPLOY_CREDENTIALS),
      ...deploySteps(context, image(context), deployArgs),
    ],
  });
}

/** hatoba's action when one is pinned (nothing to install); otherwise Node.js and `npx hatoba@<version>`. */
function deploySteps(context: Context, image: string, deployArgs: readonly string[]): Mapping[] {
  const action = context.hatobaAction;
  if (action !== undefined) {
    const target = context.config.environment?.name;
    const inputs: Mapping = {
      image,
      ...(target === undefined ? {} : { environment: target }),
      ...(context.configFile === undefined ? {} : { config: context.configFile }),
    };
    return [{ name: 'Deploy', uses: `${action.repository}@${action.sha}`, with: inputs }];
  }
  return [
    { name: 'Set up Node.js', uses: pinnedUses('setupNode'), with: { 'node-version': NODE_VERSION } },
    {
      // hatoba deploy writes the job summary ($GITHUB_STEP_SUMMARY) and error annotations itself.
      name: 'Deploy',
      run: `npx --yes hatoba@${context.hatobaVersion} ${deployArgs.join(' ')}`,
    },
  ];
}

function checkoutStep(): Mapping {
  return { name: 'Check out', uses: pinnedUses('checkout'), with: { 'persist-credentials': false } };
}

function credentialsStep(config: HatobaConfig, variables: CredentialVariables): Mapping {
  const inputs: Mapping = {
    'role-to-assume': expr(`vars.${variables.roleArn}`),
    'aws-region': expr(`vars.${variables.region}`),
  };
  if (config.github.audience !== defaultAudience(config.aws.partition)) inputs.audience = config.github.audience;
  return { name: 'Configure AWS credentials', uses: pinnedUses('configureAwsCredentials'), with: inputs };
}

function render(workflow: Mapping, options: WorkflowOptions, context: Context): string {
  const document = new Document(workflow);
  const config = context.configFile ?? 'hatoba.yml';
  document.commentBefore = [
    ` Generated by hatoba ${options.hatobaVersion} from ${config}.`,
    ` Regenerate after changing ${config}: npx hatoba init --force${options.split ? ' --split' : ''}`,
    ' Check it before pushing: npx hatoba lint',
  ].join('\n');
  // The release each pinned commit is, as the conventional `# vX.Y.Z` comment after `uses:`.
  visit(document, {
    Pair(_, pair) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      const value = pair.value as { value?: unknown; comment?: string | null } | null;
      if (key !== 'uses' || typeof value?.value !== 'string') return;
      const [repository = '', sha = ''] = value.value.split('@');
      const own = context.hatobaAction;
      const version =
        pinnedVersion(repository, sha) ?? (own?.repository === repository && own.sha === sha ? own.version : undefined);
      if (version !== undefined) value.comment = ` ${version}`;
    },
  });
  return document.toString({ lineWidth: 0, nullStr: '' });
}
