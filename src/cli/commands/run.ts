import { defineCommand, type ReportFlags, withConfigOptions, withEnvironmentOption } from '../command.js';

interface RunOptions extends ReportFlags {
  image?: string;
  timeout?: string;
  poll?: string;
}

export default defineCommand<RunOptions>({
  name: 'run',
  summary: "run a one-off task (e.g. a migration) on the service's task definition with the command overridden",
  configure(command) {
    command
      .argument('[command...]', 'the command to run in the container (put it after --)')
      .option('--image <uri>', 'run this image instead: registers a revision of the family with it')
      .option('--timeout <duration>', 'stop the task after this long (e.g. 10m, 1h)', '30m')
      .option('--poll <duration>', 'time between status reads', '5s')
      .option('--json', 'print one JSON document with the outcome');
    withConfigOptions(command);
    withEnvironmentOption(command);
    command.addHelpText(
      'after',
      "\nExit codes: the container's own exit code when it ran; 125 the task never ran (cause explained); " +
        '124 --timeout stopped it; 130 Ctrl-C stopped it; 2 bad input.\n\nExamples:\n' +
        '  hatoba run -- npm run migrate\n' +
        '  hatoba run --image "$IMAGE" --timeout 10m -- node dist/migrate.js',
    );
  },
  async run(options, context, args) {
    const { runCommand } = await import('../run-one-off.js');
    return runCommand(options, context, args);
  },
});
