import type { Task } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import type { TargetHealthSnapshot } from '../../src/deploy/causes/health-check.js';
import { type DiagnoseContext, diagnoseServiceEvent, diagnoseStoppedTask } from '../../src/deploy/diagnose.js';

const TG = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/hello-service/0f1e2d3c4b5a6978';
const ECR = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello-service';

function context(logs: string[] = [], target?: TargetHealthSnapshot): DiagnoseContext & { logReads: number } {
  const ctx = {
    logReads: 0,
    containerName: 'app',
    architecture: 'X86_64' as const,
    health: { healthCheckPath: '/healthz', port: 8080 },
    targetHealth: () => target,
    logs: async () => {
      ctx.logReads += 1;
      return { lines: logs };
    },
  };
  return ctx;
}

function task(
  stoppedReason: string,
  container: { exitCode?: number; reason?: string } = {},
  stopCode?: Task['stopCode'],
): Task {
  return {
    taskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/hello-service/0123456789abcdef0123456789abcdef',
    lastStatus: 'STOPPED',
    stoppedReason,
    ...(stopCode ? { stopCode } : {}),
    containers: [{ name: 'app', ...container }],
  };
}

// Stopped reasons as ECS writes them (security.md §4, ECS-05…09, and the ECS developer guide).
const STOPPED: readonly [string, string, Task][] = [
  [
    'ECS-08 image missing',
    'image-not-found',
    task(
      `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${ECR}:abc: ${ECR}:abc: not found`,
    ),
  ],
  [
    'ECS-05 pull denied',
    'image-pull-denied',
    task(
      "CannotPullContainerError: The task can't pull the image. Check that the role has the permissions to pull images from the registry.",
    ),
  ],
  [
    'ECS-07 pull network',
    'image-pull-network',
    task(
      `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to do request: Head "https://${ECR}/manifests/abc": dial tcp 52.95.0.1:443: i/o timeout`,
    ),
  ],
  [
    'ECS-07 connection issue',
    'image-pull-network',
    task(
      `The task cannot pull '${ECR}:abc' from the Amazon ECR repository '${ECR}'. There is a connection issue between the task and Amazon ECR. Check your task network configuration. CannotPullContainerError`,
    ),
  ],
  [
    'ECS-09 rate limit',
    'registry-rate-limit',
    task(
      'CannotPullContainerError: ERROR: toomanyrequests: Too Many Requests or You have reached your pull rate limit.',
    ),
  ],
  [
    'platform at pull',
    'image-platform',
    task(
      "CannotPullContainerError: pull image manifest has been retried 1 time(s): image Manifest does not contain descriptor matching platform 'linux/amd64'",
    ),
  ],
  [
    'ECS-05 registry auth',
    'registry-auth-denied',
    task(
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/exec/abc is not authorized to perform: ecr:GetAuthorizationToken on resource: *',
    ),
  ],
  [
    'ECS-06 secret denied',
    'secrets-access-denied',
    task(
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:x from secrets manager: AccessDeniedException: User is not authorized to perform: secretsmanager:GetSecretValue',
    ),
  ],
  [
    'ECS-06 secret missing',
    'secret-not-found',
    task(
      "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:x from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret.",
    ),
  ],
  [
    'ECS-07 ssm timeout',
    'task-network',
    task(
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 5 time(s): RequestCanceled: request context canceled caused by: context deadline exceeded',
    ),
  ],
  [
    'log group missing',
    'log-group-missing',
    task(
      'ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist.',
    ),
  ],
  [
    'OOM',
    'out-of-memory',
    task('Essential container in task exited', {
      exitCode: 137,
      reason: 'OutOfMemoryError: Container killed due to memory usage',
    }),
  ],
  ['crash', 'container-exited', task('Essential container in task exited', { exitCode: 1 })],
  [
    'start failure',
    'container-start-failed',
    task(
      'CannotStartContainerError: Error response from daemon: failed to create shim task: OCI runtime create failed: exec: "node": executable file not found in $PATH',
    ),
  ],
  ['container health', 'container-health-check-failed', task('Task failed container health checks')],
  ['unknown', 'task-stopped', task('Timeout waiting for network interface provisioning to complete.')],
];

describe('diagnoseStoppedTask', () => {
  it.each(STOPPED)('%s → %s', async (_name, id, stopped) => {
    const diagnosis = await diagnoseStoppedTask(stopped, context());
    expect(diagnosis.kind).toBe('cause');
    if (diagnosis.kind !== 'cause') return;
    expect(diagnosis.cause.id).toBe(id);
    expect(diagnosis.cause.evidence).toContain(stopped.stoppedReason);
    expect(diagnosis.cause.taskId).toBe('0123456789abcdef0123456789abcdef');
  });

  it('reads the log to recognise exec format error (an image for the other architecture)', async () => {
    const ctx = context(['exec /usr/local/bin/docker-entrypoint.sh: exec format error']);
    const diagnosis = await diagnoseStoppedTask(task('Essential container in task exited', { exitCode: 255 }), ctx);
    expect(diagnosis.kind === 'cause' && diagnosis.cause.id).toBe('architecture-mismatch');
    expect(diagnosis.kind === 'cause' && diagnosis.cause.fix).toMatch(/linux\/amd64/);
    expect(ctx.logReads).toBe(1);
  });

  it.each([
    ['Target.ResponseCodeMismatch', 'Health checks failed with these codes: [404]', /GET \/healthz answer 200–399/],
    ['Target.Timeout', 'Request timed out', /listen on 0\.0\.0\.0:8080/],
    ['Target.FailedHealthChecks', 'Health checks failed', /not 127\.0\.0\.1/],
  ])('ELB health check failure with %s explains the fix', async (reason, description, fix) => {
    const ctx = context([], { state: 'unhealthy', reason, description });
    const diagnosis = await diagnoseStoppedTask(task(`Task failed ELB health checks in (target-group ${TG})`), ctx);
    expect(diagnosis.kind === 'cause' && diagnosis.cause).toMatchObject({
      id: 'health-check-failed',
      urgency: 'repeated',
    });
    expect(diagnosis.kind === 'cause' && diagnosis.cause.title).toContain(description);
    expect(diagnosis.kind === 'cause' && diagnosis.cause.fix).toMatch(fix);
  });

  it('does not read logs for failures before the container ran', async () => {
    const ctx = context();
    await diagnoseStoppedTask(task('CannotPullContainerError: not found'), ctx);
    expect(ctx.logReads).toBe(0);
  });

  it.each([
    task('Scaling activity initiated by (deployment ecs-svc/1234567890123456789)', {}, 'ServiceSchedulerInitiated'),
    task('Task stopped by user', {}, 'UserInitiated'),
  ])('treats a deliberate stop as benign: $stoppedReason', async (stopped) => {
    expect((await diagnoseStoppedTask(stopped, context())).kind).toBe('benign');
  });

  it('waits for the exit code of a container that is still stopping', async () => {
    const stopping = { ...task('Essential container in task exited'), lastStatus: 'DEACTIVATING' };
    expect((await diagnoseStoppedTask(stopping, context())).kind).toBe('pending');
  });
});

describe('diagnoseServiceEvent', () => {
  it.each([
    [
      "(service authn) was unable to place a task. Reason: ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: ResourceNotFoundException: Secrets Manager can't find the specified secret.",
      'secret-not-found',
    ],
    [
      "(service hello-service) failed to launch a task with (error ECS was unable to assume the role 'arn:aws:iam::123456789012:role/x' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.).",
      'task-role-invalid',
    ],
  ])('%s', (message, id) => {
    expect(diagnoseServiceEvent(message)?.id).toBe(id);
  });

  it('ignores ordinary events', () => {
    expect(diagnoseServiceEvent('(service hello-service) has reached a steady state.')).toBeUndefined();
  });
});
