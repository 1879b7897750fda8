import { basename, join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAMES, parseConfigText } from '../config/load.js';
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
import { renderConfig, schemaReference, updateConfig } from './config-file.js';
import { DEFAULT_HEALTH_CHECK_PATH, type DetectedDefaults, detectDefaults } from './detect/defaults.js';
import { inspectDockerfile } from './detect/existing-dockerfile.js';
import { type NodeProject, readNodeProject } from './detect/node.js';
import { detectStack } from './detect/stack.js';
import { planDocker } from './dockerfile.js';
import { type ExistingDeployWorkflow, existingDeployWorkflows, writeNextToExisting } from './existing-workflows.js';
import { githubVariableCommands, setGithubVariables, type VariablesOutcome } from './github-variables.js';
import type { Prompter } from './prompts.js';

export interface InitOptions extends AnswerFlags {
  readonly dir?: string | undefined;
  readonly split?: boolean | undefined;
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
    config,
    warning,
  } = await resolveConfigFile(options, { dir, root }, existingConfig, { project, detected }, deps, context.env);
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

  const variables = githubVariableCommands(config);
  let outcome: VariablesOutcome | undefined;
  if (options.setGithubVars) {
    try {
      outcome = await setGithubVariables(variables, deps.run, root);
    } catch (error) {
      outcome = { set: false, reason: `gh variable set failed: ${errorMessage(error)}` };
    }
  }
  return {
    files,
    config,
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

async function resolveConfigFile(
  options: InitOptions,
  { dir, root }: { dir: string; root: string },
  existing: string | undefined,
  { project, detected }: { project: NodeProject | undefined; detected: DetectedDefaults | undefined },
  deps: InitDependencies,
  env: InitEnvironment['env'],
): Promise<{ text: string; config: HatobaConfig; warning?: string }> {
  const path = existing ?? join(dir, 'hatoba.yml');
  const validate = (text: string) => parseConfigText(text, { cwd: dir, env: {}, path }).config;
  if (existing !== undefined) {
    const current = (await readRegularFile(existing, { label: 'init:', display: displayPath(dir, existing) })).toString(
      'utf8',
    );
    // Without --force the existing file is the answer sheet: nothing to ask.
    if (!options.force) return { text: current, config: validate(current) };
    const config = validate(current);
    const answers = await gatherAnswers(options, defaultsFrom(config), undefined);
    const text = updateConfig(current, answers);
    return { text, config: validate(text) };
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
  try {
    answers = await gatherAnswers(options, defaults, deps.prompter);
  } catch (error) {
    // Say why the repository could not be detected (git refused, not GitHub) rather than only that it is missing.
    if (error instanceof UserError && remote.note !== undefined && repository === undefined) {
      throw new UserError(`${error.message}\n${remote.note}`, error.hint);
    }
    throw error;
  }
  const text = renderConfig(answers, await schemaReference(dir, root));
  const caution = options.repository === undefined && repository !== undefined ? remote.note : undefined;
  return { text, config: validate(text), ...(caution === undefined ? {} : { warning: caution }) };
}

function defaultsFrom(config: HatobaConfig): AnswerDefaults {
  return {
    app: config.app,
    repository: config.github.repository,
    branch: config.github.branches.join(','),
    environment: config.github.environment,
    account: config.aws.account,
    region: config.aws.region,
    port: String(config.ecs.container.port),
    healthCheckPath: config.ecs.container.healthCheckPath,
    architecture: config.ecs.architecture,
    roleArn: config.github.roleArn,
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
