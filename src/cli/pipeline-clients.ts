import type { AwsClients } from '../aws/clients.js';
import { pipelineRegion } from '../config/account-environments.js';
import type { HatobaConfig } from '../config/resolve.js';
import type { CommandContext } from './command.js';

/**
 * Clients for the Region of the account's pipeline stack: with `environments` it may be another Region than the
 * environment's (the build Region, or the account's first environment's); otherwise the same clients.
 */
export async function pipelineClients(
  context: CommandContext,
  config: HatobaConfig,
  environments: readonly HatobaConfig[],
  clients: AwsClients,
): Promise<AwsClients> {
  const region = pipelineRegion(config, environments);
  return region === config.aws.region ? clients : await context.aws(region);
}
