import { Command, CommanderError } from 'commander';
import { type Clock, systemClock } from '../clock.js';
import {
  CheckFailed,
  EXIT_CHECK_FAILED,
  EXIT_INTERNAL,
  EXIT_INTERRUPTED,
  EXIT_USAGE,
  errorMessage,
  UserError,
} from '../errors.js';
import { version } from '../version.js';
import type { CommandContext, CommandSpec, Writer } from './command.js';
import { commands } from './commands/index.js';
import { redact } from './output.js';

export interface MainIo {
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly interactive: boolean;
  /** Where SIGINT comes from; tests pass their own emitter. */
  readonly signals?: NodeJS.EventEmitter;
  /** Virtual time for tests and benchmarks; the system clock otherwise. */
  readonly clock?: Clock;
}

function processIo(): MainIo {
  // `hatoba … | head` closes the pipe early; that is the reader's choice, not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    interactive: Boolean(process.stdout.isTTY),
    signals: process,
  };
}

/** Runs the CLI and returns the exit code. The one place where errors become messages and exit codes. */
export async function main(
  argv: readonly string[],
  io: MainIo = processIo(),
  specs: readonly CommandSpec<never>[] = commands,
): Promise<number> {
  const debug = argv.includes('--debug') || io.env.HATOBA_DEBUG === '1';
  const abort = new AbortController();
  const onInterrupt = () => {
    if (abort.signal.aborted) process.exit(EXIT_INTERRUPTED); // second Ctrl-C: stop now
    abort.abort(new Interrupted());
  };
  io.signals?.on('SIGINT', onInterrupt);

  const context: CommandContext = {
    stdout: io.stdout,
    stderr: io.stderr,
    cwd: io.cwd,
    env: io.env,
    interactive: io.interactive,
    signal: abort.signal,
    clock: io.clock ?? systemClock,
    // Loaded on first use: zod and yaml are not needed to print help.
    loadConfig: async (flags = {}) =>
      (await import('../config/load.js')).loadConfig({
        configPath: flags.config,
        cwd: io.cwd,
        env: io.env,
        flags: { 'aws.region': flags.region === undefined ? undefined : { value: flags.region, flag: '--region' } },
      }),
  };

  let exitCode = 0;
  const program = buildProgram(io, specs, (spec) => async (options, args) => {
    exitCode = await Promise.race([spec.run(options, context, args), interrupted(abort.signal)]);
    // A command that cleaned up and returned after Ctrl-C was still interrupted.
    if (abort.signal.aborted) throw abort.signal.reason;
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return report(error, io.stderr, debug);
  } finally {
    io.signals?.off('SIGINT', onInterrupt);
  }
}

type Runner = (spec: CommandSpec) => (options: Record<string, unknown>, args: string[]) => Promise<void>;

function buildProgram(io: MainIo, specs: readonly CommandSpec<never>[], runner: Runner): Command {
  const program = new Command('hatoba')
    .description('Ship a GitHub repository to Amazon ECS Fargate with GitHub OIDC, no long-lived AWS keys.')
    .version(version(), '-v, --version')
    .option('--debug', 'show stack traces for every error (env HATOBA_DEBUG=1)')
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();
  program.addHelpText(
    'after',
    '\nEach command has its own --help; the docs/ folder of the package has a page per command.',
  );
  for (const spec of specs) {
    const command = program.command(spec.name).description(spec.summary).exitOverride();
    spec.configure(command);
    command.action(async (...actionArgs: unknown[]) => {
      // commander passes (...positional, options, command)
      const self = actionArgs[actionArgs.length - 1] as Command;
      await runner(spec as CommandSpec)(self.opts(), self.args);
    });
  }
  return program;
}

class Interrupted extends Error {}

function interrupted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function report(error: unknown, stderr: Writer, debug: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version end here too; commander has already printed them.
    return error.exitCode === 0 ? 0 : EXIT_USAGE;
  }
  if (error instanceof Interrupted) {
    stderr.write('Interrupted\n');
    return EXIT_INTERRUPTED;
  }
  if (error instanceof UserError) {
    stderr.write(redact(`error: ${error.message}\n`));
    if (error.hint) stderr.write(redact(`hint: ${error.hint}\n`));
    if (debug && error.stack) stderr.write(redact(`${error.stack}\n`));
    return EXIT_USAGE;
  }
  if (error instanceof CheckFailed) {
    if (error.message) stderr.write(redact(`${error.message}\n`));
    return EXIT_CHECK_FAILED;
  }
  const stack = error instanceof Error && error.stack ? error.stack : errorMessage(error);
  stderr.write(redact(`hatoba crashed; this is a bug. Please report it with the output below.\n${stack}\n`));
  return EXIT_INTERNAL;
}
