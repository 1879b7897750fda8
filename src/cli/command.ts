import type { Command } from 'commander';
import type { AwsClients } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import type { LoadedConfig } from '../config/load.js';
import type { Language } from '../i18n/language.js';
import type { Prompter } from '../init/prompts.js';
import type { Docker } from '../rehearse/docker.js';
import type { Env, Writer } from '../report/output.js';

// Writer belongs to the rendering layer; re-exported because every command's run() signature names it.
export type { Writer } from '../report/output.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface CommandContext {
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly cwd: string;
  readonly env: Env;
  /** The language of messages people read (`--lang`, HATOBA_LANG, the locale); JSON ids stay English. */
  readonly lang: Language;
  /** True when stdout is a terminal a person reads (colors, prompts). */
  readonly interactive: boolean;
  /** Aborted on Ctrl-C; long-running commands stop waiting and clean up. */
  readonly signal: AbortSignal;
  /** Time for commands that wait (deploy watches); tests and benchmarks pass a virtual clock. */
  readonly clock: Clock;
  /** Finds, parses and validates hatoba.yml (`--config`, HATOBA_CONFIG, or the nearest parent directory). */
  loadConfig(flags?: ConfigFlags): Promise<LoadedConfig>;
  /**
   * AWS SDK clients for one Region, bound to this command's signal and environment; built on first use.
   * `outliveInterrupt` gives clients Ctrl-C does not abort, for the clean-up an `onInterrupt` hook does.
   */
  aws(region: string, options?: { readonly outliveInterrupt?: boolean }): Promise<AwsClients>;
  /**
   * Registers clean-up to run after Ctrl-C and before the command ends with 130 (e.g. stop a task it started);
   * main waits for it. Returns a function that unregisters it.
   */
  onInterrupt(cleanup: () => Promise<void>): () => void;
  /** The Docker CLI the user has, with this command's environment. */
  docker(): Promise<Docker>;
  /** Asks questions on the terminal; undefined when no person can answer (not a terminal). Close it after use. */
  prompter(): Promise<Prompter | undefined>;
}

export interface ConfigFlags {
  readonly config?: string | undefined;
  readonly region?: string | undefined;
  /** One of hatoba.yml's `environments` (`--environment`; else HATOBA_ENVIRONMENT, else the only one). */
  readonly environment?: string | undefined;
  /** The command covers every environment (lint, init): without a name, the first is `config`, not an error. */
  readonly anyEnvironment?: boolean | undefined;
}

/** The options of a reporting command that reads hatoba.yml: `--config`, `--region` and `--json`. */
export interface ReportFlags extends ConfigFlags {
  readonly json?: boolean | undefined;
}

/**
 * One CLI command. `configure` declares options only (it runs for `--help`, so it must stay cheap);
 * `run` does the work and lazily imports anything heavy. It returns the exit code.
 */
export interface CommandSpec<Options = Record<string, unknown>> {
  readonly name: string;
  readonly summary: string;
  configure(command: Command): void;
  run(options: Options, context: CommandContext, args: string[]): Promise<number>;
}

export function defineCommand<Options>(spec: CommandSpec<Options>): CommandSpec<Options> {
  return spec;
}

/** Adds the `--config` and `--region` options every config-reading command shares. */
export function withConfigOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'hatoba.yml to use (env HATOBA_CONFIG; default: nearest hatoba.yml)')
    .option('--region <region>', 'override aws.region (env HATOBA_AWS_REGION)');
}

/** Adds `--environment NAME`: which of hatoba.yml's `environments` the command works on. */
export function withEnvironmentOption(command: Command): Command {
  return command.option(
    '-e, --environment <name>',
    "which of hatoba.yml's environments (env HATOBA_ENVIRONMENT; default: the only one)",
  );
}
