import { defineCommand, withConfigOptions, withEnvironmentOption } from '../command.js';
import type { RolloutFlags } from '../run-rollout.js';
import { withWatchOptions } from '../watch-options.js';

interface RollbackOptions extends RolloutFlags {
  to?: string;
}

export default defineCommand<RollbackOptions>({
  name: 'rollback',
  summary: 'return the ECS service to the previous (or a given) task-definition revision and watch it',
  configure(command) {
    command.option('--to <revision>', 'revision number to return to (default: the one before the current)');
    withWatchOptions(command, 'update the service, then exit without watching');
    withConfigOptions(command);
    withEnvironmentOption(command);
    command.addHelpText('after', '\nExamples:\n  hatoba rollback\n  hatoba rollback --to 12 --json');
  },
  async run(options, context) {
    const { UserError } = await import('../../errors.js');
    const to = options.to === undefined ? undefined : Number(options.to);
    if (to !== undefined && !(Number.isInteger(to) && to > 0)) {
      throw new UserError(`--to: ${JSON.stringify(options.to)} is not a revision number`, 'Pass e.g. --to 12.');
    }
    const { runRollout } = await import('../run-rollout.js');
    return runRollout('rollback', options, context, async (session) => {
      const { chooseRollbackRevision } = await import('../../deploy/revisions.js');
      const { outputs, config } = session;
      const choice = await chooseRollbackRevision(
        session.clients.ecs,
        {
          cluster: outputs.clusterName,
          service: outputs.serviceName,
          family: outputs.taskFamily,
          containerName: config.ecs.container.name,
        },
        to,
      );
      if (choice.inactive) {
        session.warnings.push(`revision ${choice.revision} is deregistered (INACTIVE); ECS may refuse to start it`);
      }
      const { digestOf } = await import('../../deploy/image.js');
      return {
        taskDefinitionArn: choice.taskDefinitionArn,
        revision: choice.revision,
        image: choice.image,
        imageDigest: digestOf(choice.image),
        title: `Rolling ${outputs.serviceName} back from revision ${choice.currentRevision} to ${choice.revision}`,
      };
    });
  },
});
