import type { Command } from 'commander';

export const DEFAULT_TIMEOUT = '15m';
export const DEFAULT_POLL = '5s';

/** The options of every command that rolls the service and watches it (`deploy`, `rollback`). */
export function withWatchOptions(command: Command, noWait: string): Command {
  return command
    .option('--timeout <duration>', 'give up waiting after this long (e.g. 90s, 15m)', DEFAULT_TIMEOUT)
    .option('--poll <duration>', 'time between status reads', DEFAULT_POLL)
    .option('--no-wait', noWait)
    .option('--json', 'print one JSON document with the outcome');
}
