import { DeleteLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteRepositoryCommand } from '@aws-sdk/client-ecr';
import type { AwsClients } from '../aws/clients.js';
import type { RetainedResource } from './retained-resources.js';

export interface PurgeResult {
  readonly type: string;
  readonly name: string;
  readonly result: 'deleted' | 'already gone';
}

/** Deletes the repository (with its images) and the log group the stacks kept: `down --purge`, after the stacks. */
export async function purge(
  clients: Pick<AwsClients, 'ecr' | 'logs'>,
  resources: readonly RetainedResource[],
  options: { readonly onStep?: (message: string) => void },
): Promise<PurgeResult[]> {
  const results: PurgeResult[] = [];
  for (const resource of resources) {
    options.onStep?.(`${resource.type} ${resource.name}: deleting (--purge)`);
    const gone = await deleteRetained(clients, resource);
    results.push({ type: resource.type, name: resource.name, result: gone ? 'already gone' : 'deleted' });
  }
  return results;
}

/** True when it was gone already (someone deleted it by hand): the goal is reached either way. */
async function deleteRetained(clients: Pick<AwsClients, 'ecr' | 'logs'>, resource: RetainedResource): Promise<boolean> {
  try {
    if (resource.type === 'AWS::ECR::Repository') {
      // DeleteRepository (Amazon ECR API Reference): "If true, deleting the repository force deletes the contents of
      // the repository. If false, the repository must be empty" (RepositoryNotEmptyException).
      await clients.ecr.send(new DeleteRepositoryCommand({ repositoryName: resource.name, force: true }));
    } else {
      // DeleteLogGroup (CloudWatch Logs API Reference): deletes the group "and permanently deletes all the archived
      // log events".
      await clients.logs.send(new DeleteLogGroupCommand({ logGroupName: resource.name }));
    }
    return false;
  } catch (error) {
    // DeleteRepository: RepositoryNotFoundException; DeleteLogGroup: ResourceNotFoundException.
    const name = error instanceof Error ? error.name : '';
    if (name === 'RepositoryNotFoundException' || name === 'ResourceNotFoundException') return true;
    throw error;
  }
}
