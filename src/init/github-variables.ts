import type { HatobaConfig } from '../config/resolve.js';
import type { RunProgram } from '../github/git-remote.js';
import {
  PUSH_REGION_VARIABLE,
  PUSH_ROLE_ARN_VARIABLE,
  REGION_VARIABLE,
  ROLE_ARN_VARIABLE,
} from '../github/workflow/variables.js';
import { buildAccount, deployRoleArn, resourceArns } from '../naming.js';

export interface VariableCommand {
  readonly name: string;
  readonly value: string;
  /** The GitHub environment the variable belongs to (`--env`); undefined for a repository variable. */
  readonly environment?: string;
  /** `gh variable set NAME --body VALUE --repo OWNER/REPO`, as arguments (run without a shell). */
  readonly argv: readonly string[];
}

/**
 * The variables the generated workflow reads: the deploy role's ARN (configured or created) and the Region. With
 * `environments` (pass every environment's configuration): the push role and build Region as repository variables,
 * and each environment's deploy role and Region as variables of its GitHub environment.
 */
export function githubVariableCommands(
  config: HatobaConfig,
  environments: readonly HatobaConfig[] = [],
): VariableCommand[] {
  const repository = config.github.repository;
  const command = (name: string, value: string, githubEnvironment?: string): VariableCommand => ({
    name,
    value,
    ...(githubEnvironment === undefined ? {} : { environment: githubEnvironment }),
    argv: [
      'gh',
      'variable',
      'set',
      name,
      ...(githubEnvironment === undefined ? [] : ['--env', githubEnvironment]),
      '--body',
      value,
      '--repo',
      repository,
    ],
  });
  if (environments.length === 0) {
    return [command(ROLE_ARN_VARIABLE, deployRoleArn(config)), command(REGION_VARIABLE, config.aws.region)];
  }
  return [
    command(PUSH_ROLE_ARN_VARIABLE, resourceArns(config).pushRole),
    command(PUSH_REGION_VARIABLE, buildAccount(config).region),
    ...environments.flatMap((each) => [
      command(ROLE_ARN_VARIABLE, deployRoleArn(each), each.github.environment),
      command(REGION_VARIABLE, each.aws.region, each.github.environment),
    ]),
  ];
}

export type VariablesOutcome = { set: true } | { set: false; reason: string };

/**
 * Runs the commands with gh when it is installed and logged in; otherwise says why not. `prepare` runs first, once gh
 * is known to work (init: create the GitHub environments the variables belong to).
 */
export async function setGithubVariables(
  commands: readonly VariableCommand[],
  run: RunProgram,
  cwd: string,
  prepare?: () => Promise<void>,
): Promise<VariablesOutcome> {
  try {
    await run('gh', ['--version'], { cwd });
  } catch {
    return { set: false, reason: 'the GitHub CLI (gh) is not installed' };
  }
  try {
    await run('gh', ['auth', 'status'], { cwd });
  } catch {
    return { set: false, reason: 'gh is not logged in (`gh auth status` failed; run `gh auth login`)' };
  }
  await prepare?.();
  for (const command of commands) {
    const [program = 'gh', ...args] = command.argv;
    await run(program, args, { cwd });
  }
  return { set: true };
}
