import type { HatobaConfig } from '../config/resolve.js';
import type { RunProgram } from '../github/git-remote.js';
import { REGION_VARIABLE, ROLE_ARN_VARIABLE } from '../github/workflow/generate.js';
import { deployRoleArn } from '../naming.js';

export interface VariableCommand {
  readonly name: string;
  readonly value: string;
  /** `gh variable set NAME --body VALUE --repo OWNER/REPO`, as arguments (run without a shell). */
  readonly argv: readonly string[];
}

/** The repository variables the generated workflow reads: the deploy role's ARN (configured or created) and the Region. */
export function githubVariableCommands(config: HatobaConfig): VariableCommand[] {
  return [
    { name: ROLE_ARN_VARIABLE, value: deployRoleArn(config) },
    { name: REGION_VARIABLE, value: config.aws.region },
  ].map(({ name, value }) => ({
    name,
    value,
    argv: ['gh', 'variable', 'set', name, '--body', value, '--repo', config.github.repository],
  }));
}

export type VariablesOutcome = { set: true } | { set: false; reason: string };

/** Runs the commands with gh when it is installed and logged in; otherwise says why not. */
export async function setGithubVariables(
  commands: readonly VariableCommand[],
  run: RunProgram,
  cwd: string,
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
  for (const command of commands) {
    const [program = 'gh', ...args] = command.argv;
    await run(program, args, { cwd });
  }
  return { set: true };
}
