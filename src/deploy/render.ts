import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import type { HatobaConfig } from '../config/resolve.js';
import type { KnownServiceOutputs } from '../infra/read-outputs.js';
import { resourceNames } from '../naming.js';

/** Everything a task definition needs besides hatoba.yml: the image and where the service stack put things. */
export interface RenderInputs {
  readonly image: string;
  readonly outputs: Pick<KnownServiceOutputs, 'taskFamily' | 'executionRoleArn' | 'taskRoleArn' | 'logGroupName'>;
}

// A read-only root filesystem still needs somewhere to write temporary files; a task-local volume on /tmp is it.
const TMP_VOLUME = 'tmp';

/**
 * The RegisterTaskDefinition request for one deploy: Fargate, awsvpc, one essential container with the new image.
 * Pure, so the whole request is checked in tests and shown by `--json`.
 */
export function renderTaskDefinition(config: HatobaConfig, inputs: RenderInputs): RegisterTaskDefinitionCommandInput {
  const { ecs, aws } = config;
  const { container } = ecs;
  const names = resourceNames(config);
  const sorted = (record: Record<string, string>) => Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
  return {
    family: inputs.outputs.taskFamily,
    taskRoleArn: inputs.outputs.taskRoleArn,
    executionRoleArn: inputs.outputs.executionRoleArn,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: String(ecs.cpu),
    memory: String(ecs.memory),
    runtimePlatform: { cpuArchitecture: ecs.architecture, operatingSystemFamily: 'LINUX' },
    ...(container.readonlyRootFilesystem ? { volumes: [{ name: TMP_VOLUME }] } : {}),
    containerDefinitions: [
      {
        name: container.name,
        image: inputs.image,
        essential: true,
        portMappings: [{ containerPort: container.port, protocol: 'tcp' }],
        environment: sorted(container.environment).map(([name, value]) => ({ name, value })),
        // Only ARNs: the execution role resolves the values when the task starts; they never pass through hatoba.
        secrets: sorted(container.secrets).map(([name, valueFrom]) => ({ name, valueFrom })),
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': inputs.outputs.logGroupName,
            'awslogs-region': aws.region,
            'awslogs-stream-prefix': names.logStreamPrefix,
          },
        },
        ...(container.user === undefined ? {} : { user: container.user }),
        readonlyRootFilesystem: container.readonlyRootFilesystem,
        ...(container.readonlyRootFilesystem
          ? { mountPoints: [{ sourceVolume: TMP_VOLUME, containerPath: '/tmp', readOnly: false }] }
          : {}),
        stopTimeout: container.stopTimeoutSeconds,
      },
    ],
    tags: [{ key: 'hatoba:app', value: config.app }],
  };
}

/** The awslogs stream of one container of one task. */
export function logStreamName(config: HatobaConfig, taskId: string): string {
  const names = resourceNames(config);
  return `${names.logStreamPrefix}/${names.containerName}/${taskId}`;
}
