import { CloudWatchLogsClient, DeleteLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

/** ECR repositories (with a number of images) and CloudWatch Logs groups that can be deleted, as `down --purge` does. */
export class FakeRepositoriesAndLogs {
  readonly ecr: AwsClientStub<ECRClient>;
  readonly logs: AwsClientStub<CloudWatchLogsClient>;
  /** Repository name → number of images. */
  readonly repositories = new Map<string, number>();
  readonly logGroups = new Set<string>();

  constructor(account: string) {
    this.ecr = mockClient(ECRClient);
    this.logs = mockClient(CloudWatchLogsClient);
    // DeleteRepository (Amazon ECR API Reference): without force "the repository must be empty"
    // (RepositoryNotEmptyException); a missing one is RepositoryNotFoundException.
    this.ecr.on(DeleteRepositoryCommand).callsFake(({ repositoryName, force }) => {
      const images = this.repositories.get(repositoryName);
      if (images === undefined) {
        throw awsError(
          'RepositoryNotFoundException',
          `The repository with name '${repositoryName}' does not exist in the registry with id '${account}'`,
        );
      }
      if (images > 0 && force !== true) {
        throw awsError(
          'RepositoryNotEmptyException',
          `The repository with name '${repositoryName}' in registry with id '${account}' cannot be deleted because it still contains images`,
        );
      }
      this.repositories.delete(repositoryName);
      return { repository: { repositoryName, registryId: account } };
    });
    // DeleteLogGroup (CloudWatch Logs API Reference): ResourceNotFoundException when it does not exist.
    this.logs.on(DeleteLogGroupCommand).callsFake(({ logGroupName }) => {
      if (!this.logGroups.delete(logGroupName)) {
        throw awsError('ResourceNotFoundException', 'The specified log group does not exist.');
      }
      return {};
    });
  }

  restore(): void {
    this.ecr.restore();
    this.logs.restore();
  }
}
