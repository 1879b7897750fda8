import { REPOSITORY_URI, type Scenario, type TaskBehaviour } from './fake-ecs.js';

/** The image the scenarios deploy (revision 7). */
export const NEW_IMAGE = `${REPOSITORY_URI}@sha256:${'7c'.repeat(32)}`;

const IMAGE_NOT_FOUND = `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${NEW_IMAGE}: ${NEW_IMAGE}: not found`;

/** Killed for memory at start-up: the `out-of-memory` scenario, and what trips the circuit breaker. */
const OUT_OF_MEMORY: TaskBehaviour = {
  kind: 'exit',
  runSeconds: 6,
  exitCode: 137,
  containerReason: 'OutOfMemoryError: Container killed due to memory usage',
  logs: ['hello-service warming cache (1.2 GB)…'],
};

/** Every scenario the watcher, the CLI transcripts and the benchmark run on the fake ECS. */
export const SCENARIOS = {
  healthy: {
    name: 'healthy',
    description: 'healthy roll-out: two new tasks start, pass the health check, old tasks drain',
    newRevision: { kind: 'healthy' },
  },
  'first-deploy': {
    name: 'first-deploy',
    description: 'first deploy: the service sits at desiredCount 0 until an image exists',
    newRevision: { kind: 'healthy' },
    initialDesiredCount: 0,
  },
  'crash-loop': {
    name: 'crash-loop',
    description: 'crash loop: the app exits with code 1 two seconds after start',
    newRevision: {
      kind: 'exit',
      runSeconds: 2,
      exitCode: 1,
      logs: [
        '> hello-service@1.4.0 start',
        '> node dist/server.js',
        'Error: DATABASE_URL is not set',
        '    at loadSettings (/app/dist/settings.js:14:11)',
        'Node.js v22.12.0',
      ],
    },
  },
  'image-pull-error': {
    name: 'image-pull-error',
    description: 'image pull error: the digest was never pushed',
    newRevision: {
      kind: 'fail-to-start',
      afterSeconds: 12,
      stoppedReason: IMAGE_NOT_FOUND,
      containerReason: IMAGE_NOT_FOUND,
    },
  },
  'wrong-architecture': {
    name: 'wrong-architecture',
    description: 'wrong architecture: an arm64 image from a laptop on X86_64 Fargate',
    newRevision: {
      kind: 'exit',
      runSeconds: 0,
      exitCode: 255,
      logs: ['exec /usr/local/bin/docker-entrypoint.sh: exec format error'],
    },
  },
  'failing-health-check': {
    name: 'failing-health-check',
    description: 'failing health check: the app serves /health but the target group probes /healthz',
    newRevision: {
      kind: 'unhealthy',
      reason: 'Target.ResponseCodeMismatch',
      description: 'Health checks failed with these codes: [404]',
      logs: ['hello-service listening on 0.0.0.0:8080', 'GET /healthz 404 0.4 ms', 'GET /healthz 404 0.3 ms'],
    },
  },
  'out-of-memory': {
    name: 'out-of-memory',
    description: 'out of memory: the container is killed at start-up (exit 137)',
    newRevision: OUT_OF_MEMORY,
  },
  'secret-denied': {
    name: 'secret-denied',
    description: 'secrets: the execution role may not read the database secret',
    newRevision: {
      kind: 'fail-to-start',
      afterSeconds: 8,
      stoppedReason:
        'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:eu-west-1:123456789012:secret:hello-service/database-AbCdEf from secrets manager: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/hello-service-task-execution/0a1b2c3d is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:123456789012:secret:hello-service/database-AbCdEf because no identity-based policy allows the secretsmanager:GetSecretValue action',
    },
  },
  'circuit-breaker-rollback': {
    name: 'circuit-breaker-rollback',
    description: 'circuit breaker (threshold 1, rollback on): the first failed task rolls the service back',
    newRevision: OUT_OF_MEMORY,
    circuitBreaker: { rollback: true, threshold: 1 },
  },
  'throttling-and-5xx': {
    name: 'throttling-and-5xx',
    description: 'healthy roll-out while ECS throttles for 30 s and answers two 503s',
    newRevision: { kind: 'healthy' },
    throttle: { fromSeconds: 10, toSeconds: 40 },
    serverErrorsAtSeconds: [45, 46],
  },
  superseded: {
    name: 'superseded',
    description: 'another deploy (revision 8) starts 30 s into this one',
    newRevision: { kind: 'healthy', startSeconds: 60 },
    supersedeAtSeconds: 30,
  },
  timeout: {
    name: 'timeout',
    description: 'tasks never leave PENDING (e.g. an ENI that never attaches); --timeout 3m',
    newRevision: { kind: 'stuck' },
  },
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;
