import { UserError } from '../../errors.js';

const ACTION_COMMANDS = ['deploy', 'rollback', 'status'] as const;

/**
 * "Metadata syntax reference" (GitHub Docs, inputs): the runner passes input `foo` to a JavaScript action as the
 * environment variable `INPUT_FOO` (upper case, spaces as `_`); an input the workflow leaves out arrives as its
 * `default` or as an empty string.
 */
function input(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** The hatoba command line the action's inputs stand for, e.g. `deploy --image … --config hatoba.yml`. */
export function actionArgv(env: Readonly<Record<string, string | undefined>>): string[] {
  const command = input(env, 'command') ?? 'deploy';
  if (!(ACTION_COMMANDS as readonly string[]).includes(command)) {
    throw new UserError(
      `input command: ${JSON.stringify(command)} is not one of ${ACTION_COMMANDS.join(', ')}`,
      'Set `with: command: deploy` (or rollback, status) on the hatoba step.',
    );
  }
  const argv = [command];
  const option = (flag: string, value: string | undefined) => {
    // `--flag=value`: a value starting with `-` stays a value instead of becoming another option.
    if (value !== undefined) argv.push(`${flag}=${value}`);
  };
  const image = input(env, 'image');
  if (command === 'deploy') {
    if (image === undefined) {
      throw new UserError(
        'input image is required to deploy',
        'Give the hatoba step the pushed image: `with: image: REGISTRY/REPOSITORY@sha256:DIGEST`.',
      );
    }
    option('--image', image);
  }
  if (command !== 'status') {
    option('--timeout', input(env, 'timeout'));
    option('--poll', input(env, 'poll'));
  }
  option('--config', input(env, 'config'));
  // One of hatoba.yml's `environments`; a job's own `environment:` is not read, so a workflow names it here too.
  option('--environment', input(env, 'environment'));
  return argv;
}
