import { EventEmitter } from 'node:events';
import type { CommandSpec } from '../../src/cli/command.js';
import { type MainIo, main } from '../../src/cli/main.js';
import type { Clock } from '../../src/clock.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output, as a user would from `cwd`. */
export async function runCli(
  argv: readonly string[],
  options: {
    cwd?: string;
    env?: Record<string, string | undefined>;
    signals?: EventEmitter;
    commands?: readonly CommandSpec<never>[];
    /** Virtual time for commands that wait. */
    clock?: Clock;
    /** Both streams are a terminal (`isTTY`), as for a person running the command; pipes otherwise. */
    tty?: boolean;
  } & Pick<MainIo, 'aws' | 'docker' | 'prompter'> = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    {
      stdout: {
        isTTY: options.tty === true,
        write: (text) => {
          stdout += text;
        },
      },
      stderr: {
        isTTY: options.tty === true,
        write: (text) => {
          stderr += text;
        },
      },
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? {},
      interactive: options.tty === true,
      signals: options.signals ?? new EventEmitter(),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.aws === undefined ? {} : { aws: options.aws }),
      ...(options.docker === undefined ? {} : { docker: options.docker }),
      ...(options.prompter === undefined ? {} : { prompter: options.prompter }),
    },
    options.commands,
  );
  return { code, stdout, stderr };
}
