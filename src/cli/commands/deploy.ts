import { defineCommand, withConfigOptions, withEnvironmentOption } from '../command.js';
import type { RolloutFlags } from '../run-rollout.js';
import { withWatchOptions } from '../watch-options.js';

interface DeployOptions extends RolloutFlags {
  image: string;
}

export default defineCommand<DeployOptions>({
  name: 'deploy',
  summary: 'roll a new image out to the ECS service, watch it, and report the outcome with the cause when it fails',
  configure(command) {
    command.requiredOption('--image <uri>', 'image to deploy: REGISTRY/REPOSITORY@sha256:DIGEST (preferred) or :TAG');
    withWatchOptions(command, 'register and update the service, then exit without watching');
    withConfigOptions(command);
    withEnvironmentOption(command);
    command.addHelpText(
      'after',
      '\nExit codes: 0 deployed, 1 failed / rolled back / superseded / timed out, 2 bad input.\n\nExamples:\n' +
        '  hatoba deploy --image 123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/hello-service@sha256:…\n' +
        '  hatoba deploy --image "$IMAGE" --timeout 10m --json',
    );
  },
  async run(options, context) {
    const { parseImageReference, imageWarnings } = await import('../../deploy/image.js');
    const image = parseImageReference(options.image);
    const { runRollout } = await import('../run-rollout.js');
    return runRollout('deploy', options, context, async (session) => {
      const { repositoryUri } = await import('../../naming.js');
      const { renderTaskDefinition } = await import('../../deploy/render.js');
      const { registerTaskDefinition } = await import('../../deploy/register.js');
      session.warnings.push(...imageWarnings(image, repositoryUri(session.config)));
      const input = renderTaskDefinition(session.config, { image: image.uri, outputs: session.outputs });
      const registered = await registerTaskDefinition(session.clients.ecs, input);
      return {
        taskDefinitionArn: registered.taskDefinitionArn,
        revision: registered.revision,
        image: image.uri,
        imageDigest: image.digest ?? null,
        title: `Deploying ${image.uri} to ${session.outputs.serviceName}`,
      };
    });
  },
});
