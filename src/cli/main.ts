import { type Command, CommanderError, Option } from 'commander';
import type { AwsClients } from '../aws/clients.js';
import { translateAwsError } from '../aws/errors.js';
import { type Clock, systemClock } from '../clock.js';
import {
  CheckFailed,
  EXIT_CHECK_FAILED,
  EXIT_INTERNAL,
  EXIT_INTERRUPTED,
  EXIT_USAGE,
  errorMessage,
  UserError,
  type Wording,
} from '../errors.js';
import { chooseLanguage, LANGUAGES, type Language, languageFlag } from '../i18n/language.js';
import { type Message, message, say } from '../i18n/message.js';
import { CONFIG, type ConfigKey } from '../i18n/messages/config.js';
import { clean } from '../report/output.js';
import { version } from '../version.js';
import type { CommandContext, CommandSpec, Writer } from './command.js';
import { commands } from './commands/index.js';
import { SuggestingCommand } from './suggesting-command.js';

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
  /** Collaborators tests substitute; the real ones (loaded on first use) otherwise. */
  readonly aws?: (region: string) => Promise<AwsClients>;
  readonly docker?: CommandContext['docker'];
  readonly prompter?: CommandContext['prompter'];
}

/** Why stdout could not be written (ENOSPC on /dev/full, EIO, …); reported once after the command. */
let stdoutFailure: NodeJS.ErrnoException | undefined;

function processIo(): MainIo {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // `hatoba … | head` closes the pipe early; that is the reader's choice, not an error.
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      if (stream === process.stdout) stdoutFailure ??= error;
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

/**
 * The executable's entry (bin/hatoba.js): runs main, reports a failed stdout, and exits explicitly once both streams
 * are flushed, so a socket or timer an interrupted AWS call left behind cannot keep the process alive.
 */
export async function runProcess(argv: readonly string[]): Promise<never> {
  let code = await main(argv);
  await flushed(process.stdout);
  if (stdoutFailure !== undefined && code !== EXIT_INTERRUPTED) {
    process.stderr.write(
      `error: could not write the output to stdout (${stdoutFailure.code ?? stdoutFailure.message})\n`,
    );
    code = code === 0 ? EXIT_USAGE : code;
  }
  await flushed(process.stderr);
  process.exit(code);
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) return resolve();
    stream.write('', () => resolve());
  });
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

  const cleanups = new Set<() => Promise<void>>();
  let lang: Language;
  try {
    lang = chooseLanguage(languageFlag(argv), io.env);
  } catch (error) {
    return report(error, io, { debug, json: wantsJson(argv), jsonLines: streamsJsonLines(argv) });
  }
  const context: CommandContext = {
    stdout: io.stdout,
    stderr: io.stderr,
    cwd: io.cwd,
    env: io.env,
    lang,
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
        environment: { name: flags.environment, any: flags.anyEnvironment },
      }),
    // The SDK, the Docker wrapper and readline load on first use too.
    aws:
      io.aws ??
      (async (region, options) =>
        (await import('../aws/clients.js')).createAwsClients(region, {
          signal: options?.outliveInterrupt ? undefined : abort.signal,
          env: io.env,
        })),
    onInterrupt: (cleanup) => {
      cleanups.add(cleanup);
      return () => cleanups.delete(cleanup);
    },
    docker: io.docker ?? (async () => new (await import('../rehearse/docker.js')).Docker(io.env)),
    prompter: io.prompter ?? (() => terminalPrompter(io, abort.signal)),
  };

  let exitCode = 0;
  const program = buildProgram(io, specs, (spec) => async (options, args) => {
    try {
      exitCode = await Promise.race([spec.run(options, context, args), interrupted(abort.signal)]);
    } finally {
      // Ctrl-C: the command's clean-up (each bounded by its own calls' time budget) runs before the 130.
      if (abort.signal.aborted) await Promise.allSettled([...cleanups].map((cleanup) => cleanup()));
    }
    // A command that cleaned up and returned after Ctrl-C was still interrupted.
    if (abort.signal.aborted) throw abort.signal.reason;
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return report(error, io, { debug, json: wantsJson(argv), jsonLines: streamsJsonLines(argv), lang });
  } finally {
    io.signals?.off('SIGINT', onInterrupt);
  }
}

type Runner = (spec: CommandSpec) => (options: Record<string, unknown>, args: string[]) => Promise<void>;

function buildProgram(io: MainIo, specs: readonly CommandSpec<never>[], runner: Runner): Command {
  const program = new SuggestingCommand('hatoba')
    .description('Ship a GitHub repository to Amazon ECS Fargate with GitHub OIDC, no long-lived AWS keys.')
    .version(version(), '-v, --version')
    .option('--debug', 'show stack traces for every error (env HATOBA_DEBUG=1)')
    .addOption(
      new Option('--lang <language>', 'language of messages (env HATOBA_LANG; default: from LC_ALL/LANG)').choices(
        LANGUAGES,
      ),
    )
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      // The parser echoes what it could not parse (`--tokn=eyJ…`): that text is user input like any other.
      writeErr: (text) => io.stderr.write(clean(text)),
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

/** Questions go to stderr, so stdout stays the command's output; only a person at a terminal gets asked. */
async function terminalPrompter(io: MainIo, signal: AbortSignal) {
  if (!io.interactive || !process.stdin.isTTY) return undefined;
  const { terminalPrompter } = await import('../init/prompts.js');
  return terminalPrompter(process.stdin, process.stderr, {
    signal,
    // readline reads Ctrl-C as a key on a terminal; raise the SIGINT main listens for, so it ends as 130.
    interrupt: () => io.signals?.emit('SIGINT', 'SIGINT'),
  });
}

function interrupted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** `--json` anywhere before a `--` (commander stops parsing options there). */
function wantsJson(argv: readonly string[]): boolean {
  return options(argv).includes('--json');
}

/** `--json` with `--follow` (`hatoba logs`) prints JSON Lines: its failure is one more line, not a pretty document. */
function streamsJsonLines(argv: readonly string[]): boolean {
  const given = options(argv);
  return given.includes('--follow') || given.includes('-f');
}

function options(argv: readonly string[]): readonly string[] {
  const end = argv.indexOf('--');
  return end === -1 ? argv : argv.slice(0, end);
}

interface Failure {
  readonly exitCode: number;
  readonly message: string;
  readonly hint?: string | undefined;
  /** Printed verbatim (already on stderr, or printed by commander). */
  readonly printed?: boolean;
}

/** The one error policy: what each kind of error prints and which exit code it means. */
function classify(error: unknown, debug: boolean): Failure & { stack?: string } {
  if (error instanceof CommanderError) {
    // --help and --version end here too; commander has already printed them (and any parse error).
    return { exitCode: error.exitCode === 0 ? 0 : EXIT_USAGE, message: error.message, printed: true };
  }
  if (error instanceof Interrupted) return { exitCode: EXIT_INTERRUPTED, message: 'Interrupted' };
  const known = error instanceof UserError || error instanceof CheckFailed ? error : translateAwsError(error);
  if (known instanceof UserError) {
    const stack = debug ? (error instanceof Error ? error.stack : undefined) : undefined;
    return { exitCode: EXIT_USAGE, message: known.message, hint: known.hint, ...(stack ? { stack } : {}) };
  }
  if (known instanceof CheckFailed) return { exitCode: EXIT_CHECK_FAILED, message: known.message };
  const stack = error instanceof Error && error.stack ? error.stack : errorMessage(error);
  return {
    exitCode: EXIT_INTERNAL,
    message: `hatoba crashed; this is a bug. Please report it with the output below.\n${stack}`,
  };
}

function report(
  error: unknown,
  io: Pick<MainIo, 'stdout' | 'stderr'>,
  options: { debug: boolean; json: boolean; jsonLines: boolean; lang?: Language },
) {
  const failure = classify(error, options.debug);
  const { stderr } = io;
  if (!failure.printed) {
    if (failure.exitCode === EXIT_INTERRUPTED) stderr.write('Interrupted\n');
    else if (failure.exitCode === EXIT_USAGE) {
      // People read the error in their language; --json below keeps the English.
      const lang = options.lang ?? 'en';
      const words = localizedError(error, failure, lang);
      stderr.write(`${clean(`${say(CONFIG, lang, message('label.error'))} ${words.message}`)}\n`);
      if (words.hint) stderr.write(`${clean(`${say(CONFIG, lang, message('label.hint'))} ${words.hint}`)}\n`);
      if (failure.stack) stderr.write(`${clean(failure.stack)}\n`);
    } else if (failure.message) stderr.write(`${clean(failure.message)}\n`);
  }
  // --json promises one document on stdout; a failure is one too. CheckFailed commands printed their own already.
  if (options.json && failure.exitCode !== 0 && failure.exitCode !== EXIT_CHECK_FAILED) {
    const message = failure.printed ? failure.message.replace(/^error: /, '') : failure.message.split('\n')[0];
    const document = {
      error: {
        message: clean(message ?? ''),
        hint: failure.hint === undefined ? null : clean(failure.hint),
        exitCode: failure.exitCode,
      },
    };
    io.stdout.write(`${JSON.stringify(document, null, options.jsonLines ? undefined : 2)}\n`);
  }
  return failure.exitCode;
}

/** A usage error's message and hint in `lang`, where it has catalogue wording; else its English. */
function localizedError(
  error: unknown,
  failure: Failure,
  lang: Language,
): { message: string; hint?: string | undefined } {
  // An AWS failure is worded by its translation, as classify() reads it.
  const known = error instanceof UserError ? error : translateAwsError(error);
  const wording = known?.wording;
  const words = (text: Wording | undefined, english: string | undefined) =>
    text === undefined || lang === 'en' || !(text.id in CONFIG.en)
      ? english
      : say(CONFIG, lang, text as Message<ConfigKey>);
  return {
    message: words(wording?.message, failure.message) ?? failure.message,
    hint: words(wording?.hint, failure.hint),
  };
}
