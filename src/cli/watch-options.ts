import type { Command } from 'commander';

/** The options of every command that rolls the service and watches it (`deploy`, `rollback`). */
export function withWatchOptions(command: Command, noWait: string): Command {
  return command
    .option('--timeout <duration>', 'give up waiting after this long (e.g. 90s, 15m)', '15m')
    .option('--poll <duration>', 'time between status reads', '5s')
    .option('--no-wait', noWait)
    .option('--json', 'print one JSON document with the outcome');
}
