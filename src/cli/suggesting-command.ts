import { Command, type ErrorOptions, type ParseOptionsResult } from 'commander';

/**
 * commander's Command, with two fixes to its "did you mean" for unknown options, for every command:
 * - commander checks required options before unknown ones, so `deploy --imag x` reported the missing `--image`
 *   and never the typo; here a leaf command reports an unknown option first.
 * - commander only suggests within an edit distance of 3, so `rehearse --imag` got no hint although it is the start
 *   of a word of `--registry-image`; here a word prefix of one or more long options is offered too.
 */
export class SuggestingCommand extends Command {
  override createCommand(name?: string): SuggestingCommand {
    return new SuggestingCommand(name);
  }

  override parseOptions(argv: string[]): ParseOptionsResult {
    const parsed = super.parseOptions(argv);
    const [first] = parsed.unknown;
    const helpWanted = parsed.unknown.some((arg) => arg === '--help' || arg === '-h');
    if (this.commands.length === 0 && first?.startsWith('-') && first !== '--' && !helpWanted) {
      // commander's own report (with its edit-distance suggestion); untyped, but part of commander since v2.
      (this as unknown as { unknownOption(flag: string): never }).unknownOption(first);
    }
    return parsed;
  }

  override error(message: string, errorOptions?: ErrorOptions): never {
    if (errorOptions?.code === 'commander.unknownOption' && !message.includes('(Did you mean')) {
      const flag = /unknown option '(--[^'=]+)/.exec(message)?.[1];
      const near = flag === undefined ? [] : wordPrefixMatches(flag, this.longOptions());
      if (near.length > 0) {
        message += `\n(Did you mean ${near.length === 1 ? near[0] : `one of ${near.join(', ')}`}?)`;
      }
    }
    return super.error(message, errorOptions);
  }

  /** The long options this command accepts, its parents' included (as commander's own suggestion uses). */
  private longOptions(): string[] {
    const flags: string[] = [];
    for (let command: Command | null = this; command !== null; command = command.parent) {
      for (const option of command.options) if (option.long !== undefined && !option.hidden) flags.push(option.long);
    }
    return flags;
  }
}

/** `--imag` → `--registry-image`: options one of whose dash-separated words starts with what was typed. */
function wordPrefixMatches(flag: string, candidates: readonly string[]): string[] {
  const typed = flag.slice(2).toLowerCase();
  if (typed.length < 3) return [];
  const matches = candidates.filter((candidate) =>
    candidate
      .slice(2)
      .split('-')
      .some((_, index, words) => words.slice(index).join('-').startsWith(typed)),
  );
  return [...new Set(matches)].sort().slice(0, 5);
}
