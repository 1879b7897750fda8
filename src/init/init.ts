import { basename, join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAMES, type LoadedConfig, parseConfigText } from '../config/load.js';
import type { HatobaConfig } from '../config/resolve.js';
import { errorMessage, UserError } from '../errors.js';
import { displayPath } from '../fs/display-path.js';
import { isInside } from '../fs/inside.js';
import { isDirectory, pathExists } from '../fs/path-kind.js';
import { readRegularFile } from '../fs/read-input.js';
import { writeAll } from '../fs/write-plan.js';
import { describeRemote, detectDefaultBranch, type RunProgram } from '../github/git-remote.js';
import { generateWorkflows } from '../github/workflow/generate.js';
import { ECS_DEPLOY_WORKFLOW, PUSH_WORKFLOW } from '../github/workflow/paths.js';
import { DEPLOY_WORKFLOW } from '../oidc/workflow-paths.js';
import { type AnswerDefaults, type AnswerFlags, appNameFrom, gatherAnswers } from './answers.js';
import { environmentsBlock, renderConfig, schemaReference, updateConfig } from './config-file.js';
import { DEFAULT_HEALTH_CHECK_PATH, type DetectedDefaults, detectDefaults } from './detect/defaults.js';
import { inspectDockerfile } from './detect/existing-dockerfile.js';
import { type NodeProject, readNodeProject } from './detect/node.js';
import { detectStack } from './detect/stack.js';
import { planDocker } from './dockerfile.js';
import { parseEnvironmentNames } from './environment-names.js';
import { type ExistingDeployWorkflow, existingDeployWorkflows, writeNextToExisting } from './existing-workflows.js';
import { ensureGithubEnvironments, githubEnvironments } from './github-environments.js';
import { githubVariableCommands, setGithubVariables, type VariablesOutcome } from './github-variables.js';
import type { Prompter } from './prompts.js';

export interface InitOptions extends AnswerFlags {
  readonly dir?: string | undefined;
  readonly split?: boolean | undefined;
  /** `--environments staging,production`: a hatoba.yml with an `environments` map, promoted in this order. */
  readonly environments?: string | undefined;
  readonly force?: boolean | undefined;
  readonly setGithubVars?: boolean | undefined;
  /** Write hatoba's workflow even next to a hand-written deploy workflow. */
  readonly forceWorkflow?: boolean | undefined;
  readonly json?: boolean | undefined;
}

export interface InitDependencies {
  /** Present only when a person can answer (stdin and stdout are a terminal). */
  readonly prompter: Prompter | undefined;
  readonly run: RunProgram;
  readonly hatobaVersion: string;
}

type FileStatus = 'created' | 'overwritten' | 'kept';

export interface PlannedFile {
  readonly path: string;
  readonly content: string;
  readonly status: FileStatus;
  /** The hatoba.yml key that placed the file, when one did (named when the path is refused). */
  readonly origin?: string | undefined;
}

/** Where init runs: the working directory, the environment, and Ctrl-C. */
export interface InitEnvironment {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal: AbortSignal;
}

/** What init did: src/report/init.ts renders it. */
export interface InitResult {
  readonly files: readonly PlannedFile[];
  readonly config: HatobaConfig;
  /** Every environment of a hatoba.yml with `environments`, in promotion order; empty otherwise. */
  readonly environments: readonly HatobaConfig[];
  readonly variables: ReturnType<typeof githubVariableCommands>;
  readonly outcome: VariablesOutcome | undefined;
  /** Workflows of the other layout (--split or not) that would deploy a second time. */
  readonly stale: readonly string[];
  /** A caution about the existing hatoba.yml, if any. */
  readonly caution: string | undefined;
  /** Defaults taken from the project, each with where it came from. */
  readonly detected: readonly string[];
  /** About the Dockerfile: none will exist, a TODO to edit, it runs as root, ports that disagree. */
  readonly warnings: readonly string[];
  /** Hand-written workflows that already push or deploy, linted and compared with hatoba's. */
  readonly existingWorkflows: readonly ExistingDeployWorkflow[];
  /** Whether hatoba's own workflow was left out because of them. */
  readonly workflowSkipped: boolean;
}

/**
 * `hatoba init`: answers → hatoba.yml (validated by the real schema) → workflow(s) → Dockerfile for the stacks
 * src/init/dockerfiles knows (Node.js, Python, Go).
 * Everything is planned and validated first (targets inside the project, writable, existing files kept unless
 * --force); then every file is written atomically, and a failing write rolls back the ones before it.
 */
export async function initProject(
  options: InitOptions,
  context: InitEnvironment,
  deps: InitDependencies,
): Promise<InitResult> {
  const dir = resolve(context.cwd, options.dir ?? '.');
  if (!(await isDirectory(dir))) throw new UserError(`--dir: ${dir} is not a directory`);
  const force = options.force === true;
  const environmentNames = environmentsFlag(options);
  const root = await gitRoot(dir, deps.run);
  const existingConfig = await findExisting(dir);
  const project = await readNodeProject(dir);
  const stack = await detectStack(dir, project);
  // A new hatoba.yml builds ./Dockerfile: what it already says becomes the defaults.
  const display = (path: string) => displayPath(context.cwd, path);
  const detected =
    existingConfig === undefined
      ? await detectDefaults(dir, await inspectDockerfile(join(dir, 'Dockerfile'), display(join(dir, 'Dockerfile'))))
      : undefined;

  const {
    text: configText,
    loaded: { config, environments },
    warning,
  } = await resolveConfigFile(
    options,
    environmentNames,
    { dir, root },
    existingConfig,
    { project, detected },
    deps,
    context.env,
  );
  const configPath = existingConfig ?? join(dir, 'hatoba.yml');

  const files: PlannedFile[] = [await plan(configPath, configText, force, existingConfig !== undefined && !force)];
  const configDir = relative(root, dir).split('\\').join('/') || '.';
  const existingWorkflows = await existingDeployWorkflows(root, config, context.signal);
  const writeWorkflow = await writeNextToExisting(existingWorkflows, options.forceWorkflow === true, deps.prompter);
  for (const workflow of writeWorkflow
    ? generateWorkflows(config, {
        hatobaVersion: deps.hatobaVersion,
        split: options.split === true,
        configDir,
        environments,
      })
    : []) {
    files.push(await plan(join(root, workflow.path), workflow.content, force));
  }
  const stale = await otherLayout(root, options.split === true);
  const contextDir = join(dir, config.build.context);
  const dockerfilePath = join(contextDir, config.build.dockerfile);
  const docker = await planDocker(
    stack,
    await inspectDockerfile(dockerfilePath, display(dockerfilePath)),
    config,
    display(dockerfilePath),
  );
  if (docker.files !== undefined) {
    const origin = (await isInside(root, contextDir)) ? 'build.dockerfile' : 'build.context';
    files.push({ ...(await plan(dockerfilePath, docker.files.dockerfile, force)), origin });
    files.push({
      ...(await plan(join(contextDir, '.dockerignore'), docker.files.dockerignore, force)),
      origin: 'build.context',
    });
  }

  const writes = files.filter((file) => file.status !== 'kept');
  for (const file of writes) {
    // Only --dir names a place outside the project explicitly; hatoba.yml values do not.
    if (!(await isInside(root, file.path))) {
      throw new UserError(
        `${file.origin ?? 'init'}: ${display(file.path)} is outside the project (${display(root)}); hatoba init writes only inside it`,
        `Point ${file.origin ?? 'the path'} at a directory inside ${display(root)} in hatoba.yml, or create the file yourself.`,
      );
    }
  }
  // Everything above only read and validated; from here on, files change (all of them or none).
  await writeAll(writes, { display, signal: context.signal });

  const variables = githubVariableCommands(config, environments);
  let outcome: VariablesOutcome | undefined;
  if (options.setGithubVars) {
    // Environment variables belong to a GitHub environment, which must exist first.
    const prepare = () =>
      ensureGithubEnvironments(config.github.repository, githubEnvironments(environments), deps.run, root);
    try {
      outcome = await setGithubVariables(variables, deps.run, root, prepare);
    } catch (error) {
      outcome = { set: false, reason: `gh variable set failed: ${errorMessage(error)}` };
    }
  }
  return {
    files,
    config,
    environments,
    variables,
    outcome,
    stale,
    caution: warning,
    // Only the defaults that became answers: a flag's value needs no explanation.
    detected: (detected?.sources ?? []).filter((s) => options[s.key] === undefined).map((s) => s.text),
    warnings: [...(detected?.warnings ?? []), ...docker.warnings, ...(docker.files?.warnings ?? [])],
    existingWorkflows,
    workflowSkipped: !writeWorkflow,
  };
}

/**
 * `--environments`, checked before anything is read or asked. Each environment names its own GitHub environment
 * and gets a deploy role hatoba creates, so the single-environment flags for those cannot come with it; and each
 * deploy job names its environment in the one workflow (see generate.ts for why not --split).
 */
function environmentsFlag(options: InitOptions): string[] | undefined {
  if (options.environments === undefined) return undefined;
  const names = parseEnvironmentNames(options.environments);
  const conflicts: [string, unknown][] = [
    ['--environment', options.environment],
    ['--role-arn', options.roleArn],
    ['--split', options.split || undefined],
  ];
  for (const [flag, value] of conflicts) {
    if (value === undefined) continue;
    throw new UserError(
      `--environments cannot be combined with ${flag}: each environment deploys from its own GitHub environment, with a deploy role hatoba creates, in one workflow`,
      `Leave out ${flag}; a GitHub environment of another name goes in hatoba.yml (environments.NAME.github.environment).`,
    );
  }
  return names;
}

async function resolveConfigFile(
  options: InitOptions,
  environmentNames: readonly string[] | undefined,
  { dir, root }: { dir: string; root: string },
  existing: string | undefined,
  { project, detected }: { project: NodeProject | undefined; detected: DetectedDefaults | undefined },
  deps: InitDependencies,
  env: InitEnvironment['env'],
): Promise<{ text: string; loaded: LoadedConfig; warning?: string }> {
  const path = existing ?? join(dir, 'hatoba.yml');
  // Every environment of the file: the workflow has a job for each.
  const validate = (text: string) => parseConfigText(text, { cwd: dir, env: {}, path, environment: { any: true } });
  if (existing !== undefined) {
    const current = (await readRegularFile(existing, { label: 'init:', display: displayPath(dir, existing) })).toString(
      'utf8',
    );
    // Without --force the existing file is the answer sheet: nothing to ask.
    if (!options.force) return { text: current, loaded: validate(current) };
    const loaded = validate(current);
    const answers = await gatherAnswers(options, defaultsFrom(loaded.config), undefined);
    let text = updateConfig(current, answers);
    if (environmentNames !== undefined) text = withEnvironments(text, loaded, environmentNames, answers.region);
    return { text, loaded: validate(text) };
  }
  const [remote, branch] = await Promise.all([describeRemote(dir, deps.run), detectDefaultBranch(dir, deps.run)]);
  const { repository } = remote;
  const defaults: AnswerDefaults = {
    app: appNameFrom(project?.name) ?? appNameFrom(repository?.split('/')[1]) ?? appNameFrom(basename(dir)),
    repository,
    branch: branch ?? 'main',
    account: env.HATOBA_AWS_ACCOUNT,
    region: env.HATOBA_AWS_REGION ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    port: detected?.port ?? '8080',
    healthCheckPath: detected?.healthCheckPath ?? DEFAULT_HEALTH_CHECK_PATH,
    architecture: detected?.architecture ?? 'X86_64',
  };
  let answers: Awaited<ReturnType<typeof gatherAnswers>>;
  // With environments there is no single GitHub environment or brought role to ask about: answered as "none".
  const flags = environmentNames === undefined ? options : { ...options, environment: '', roleArn: '' };
  try {
    answers = await gatherAnswers(flags, defaults, deps.prompter);
  } catch (error) {
    // Say why the repository could not be detected (git refused, not GitHub) rather than only that it is missing.
    if (error instanceof UserError && remote.note !== undefined && repository === undefined) {
      throw new UserError(`${error.message}\n${remote.note}`, error.hint);
    }
    throw error;
  }
  let text = renderConfig(answers, await schemaReference(dir, root));
  if (environmentNames !== undefined) text += environmentsBlock(environmentNames, EXAMPLE_ACCOUNT(answers.region));
  const caution = options.repository === undefined && repository !== undefined ? remote.note : undefined;
  return { text, loaded: validate(text), ...(caution === undefined ? {} : { warning: caution }) };
}

/** What the comment of each new environment shows as "another account or Region". */
const EXAMPLE_ACCOUNT = (region: string) => ({ account: '123456789012', region });

/** `--environments` on an existing hatoba.yml (`--force`): adds the map when there is none; never rewrites one. */
function withEnvironments(text: string, loaded: LoadedConfig, names: readonly string[], region: string): string {
  if (loaded.environments.length === 0) {
    return `${text.endsWith('\n') ? text : `${text}\n`}${environmentsBlock(names, EXAMPLE_ACCOUNT(region))}`;
  }
  const current = loaded.environments.map((each) => each.environment?.name ?? '');
  if (current.join(',') === names.join(',')) return text;
  throw new UserError(
    `--environments ${names.join(',')}: hatoba.yml already has environments ${current.join(', ')}`,
    'Edit the `environments` map in hatoba.yml to add, remove or reorder them, then run `hatoba init --force` without --environments.',
  );
}

/**
 * The existing file's answers. With `environments`, `config` is the first environment's: the top-level github
 * environment and role stay unset, and the account and Region are the build account's.
 */
function defaultsFrom(config: HatobaConfig): AnswerDefaults {
  const environments = config.environment !== undefined;
  const aws = config.environment?.build ?? config.aws;
  return {
    app: config.app,
    repository: config.github.repository,
    branch: config.github.branches.join(','),
    environment: environments ? undefined : config.github.environment,
    account: aws.account,
    region: aws.region,
    port: String(config.ecs.container.port),
    healthCheckPath: config.ecs.container.healthCheckPath,
    architecture: config.ecs.architecture,
    roleArn: environments ? undefined : config.github.roleArn,
  };
}

async function plan(path: string, content: string, force: boolean, keep = false): Promise<PlannedFile> {
  if (!(await pathExists(path))) return { path, content, status: 'created' };
  if (keep || !force) return { path, content, status: 'kept' };
  return { path, content, status: 'overwritten' };
}

/** Workflows hatoba generated for the other layout, which would deploy a second time if left in place. */
async function otherLayout(root: string, split: boolean): Promise<string[]> {
  const paths = split ? [DEPLOY_WORKFLOW] : [PUSH_WORKFLOW, ECS_DEPLOY_WORKFLOW];
  const found: string[] = [];
  for (const path of paths) {
    const text = await readRegularFile(join(root, path), { label: 'workflow' }).then(String, () => '');
    if (text.startsWith('# Generated by hatoba')) found.push(join(root, path));
  }
  return found;
}

async function findExisting(dir: string): Promise<string | undefined> {
  for (const name of CONFIG_FILE_NAMES) {
    if (await pathExists(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Workflows must live at the repository root; hatoba.yml may sit in a subdirectory of it. */
async function gitRoot(dir: string, run: RunProgram): Promise<string> {
  try {
    const top = (await run('git', ['rev-parse', '--show-toplevel'], { cwd: dir })).trim();
    return top === '' ? dir : top;
  } catch {
    return dir;
  }
}
