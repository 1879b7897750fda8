import type { Command } from 'commander';
import type { AwsClients } from '../aws/clients.js';
import type { Clock } from '../clock.js';
import type { LoadedConfig } from '../config/load.js';
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
  /** True when stdout is a terminal a person reads (colors, prompts). */
  readonly interactive: boolean;
  /** Aborted on Ctrl-C; long-running commands stop waiting and clean up. */
  readonly signal: AbortSignal;
  /** Time for commands that wait (deploy watches); tests and benchmarks pass a virtual clock. */
  readonly clock: Clock;
  /** Finds, parses and validates hatoba.yml (`--config`, HATOBA_CONFIG, or the nearest parent directory). */
  loadConfig(flags?: ConfigFlags): Promise<LoadedConfig>;
  /** AWS SDK clients for one Region, bound to this command's signal and environment; built on first use. */
  aws(region: string): Promise<AwsClients>;
  /** The Docker CLI the user has, with this command's environment. */
  docker(): Promise<Docker>;
  /** Asks questions on the terminal; undefined when no person can answer (not a terminal). Close it after use. */
  prompter(): Promise<Prompter | undefined>;
  /**
   * Work the process must not exit before, even after Ctrl-C: removing what the command started. On Ctrl-C the
   * command's result is no longer awaited, but this is (a second Ctrl-C still stops at once).
   */
  finishBeforeExit(work: Promise<unknown>): void;
}

export interface ConfigFlags {
  readonly config?: string | undefined;
  readonly region?: string | undefined;
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
