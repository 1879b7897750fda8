import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { logStreamName, renderTaskDefinition } from '../../src/deploy/render.js';
import { FIXTURE_CONFIG } from './fake-ecs/harness.js';

async function fixture(patch = '') {
  const text = `${await readFile(FIXTURE_CONFIG, 'utf8')}${patch}`;
  return parseConfigText(text, { path: FIXTURE_CONFIG, cwd: process.cwd(), env: {} }).config;
}

const OUTPUTS = {
  taskFamily: 'hello-service',
  executionRoleArn: 'arn:aws:iam::123456789012:role/hello-service-task-execution',
  taskRoleArn: 'arn:aws:iam::123456789012:role/hello-service-task',
  logGroupName: '/hatoba/hello-service',
};
const IMAGE = `123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/hello-service@sha256:${'ab'.repeat(32)}`;

describe('renderTaskDefinition', () => {
  it('renders a Fargate task definition from hatoba.yml and the stack outputs', async () => {
    const input = renderTaskDefinition(await fixture(), { image: IMAGE, outputs: OUTPUTS });
    expect(input).toMatchObject({
      family: 'hello-service',
      taskRoleArn: OUTPUTS.taskRoleArn,
      executionRoleArn: OUTPUTS.executionRoleArn,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
      volumes: [{ name: 'tmp' }],
    });
    expect(input.containerDefinitions).toEqual([
      {
        name: 'app',
        image: IMAGE,
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        environment: [{ name: 'NODE_ENV', value: 'production' }],
        secrets: [
          {
            name: 'DATABASE_URL',
            valueFrom: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:hello-service/database-AbCdEf',
          },
        ],
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': '/hatoba/hello-service',
            'awslogs-region': 'ap-northeast-1',
            'awslogs-stream-prefix': 'ecs',
          },
        },
        user: '1000',
        readonlyRootFilesystem: true,
        mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }],
        stopTimeout: 30,
      },
    ]);
  });

  it('follows ecs.architecture and leaves out the /tmp volume with a writable root', async () => {
    const config = await fixture();
    const arm = {
      ...config,
      ecs: {
        ...config.ecs,
        architecture: 'ARM64' as const,
        container: { ...config.ecs.container, readonlyRootFilesystem: false },
      },
    };
    const input = renderTaskDefinition(arm, { image: IMAGE, outputs: OUTPUTS });
    expect(input.runtimePlatform?.cpuArchitecture).toBe('ARM64');
    expect(input.volumes).toBeUndefined();
    expect(input.containerDefinitions?.[0]?.mountPoints).toBeUndefined();
    expect(input.containerDefinitions?.[0]?.readonlyRootFilesystem).toBe(false);
  });

  it('names the log stream <prefix>/<container>/<task id>', async () => {
    expect(logStreamName(await fixture(), 'abc123')).toBe('ecs/app/abc123');
  });
});
