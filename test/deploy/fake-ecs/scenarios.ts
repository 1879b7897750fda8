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

const CRASH_LOOP: TaskBehaviour = {
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
    description: 'first deploy: the service runs the bootstrap task definition at desiredCount 0 until an image exists',
    newRevision: { kind: 'healthy' },
    initialDesiredCount: 0,
    bootstrap: true,
  },
  'crash-loop': {
    name: 'crash-loop',
    description: 'crash loop: the app exits with code 1 two seconds after start',
    newRevision: CRASH_LOOP,
  },
  'missing-module': {
    name: 'missing-module',
    description: 'missing module: Node cannot find a module (line 4 of 16), then prints its stack and version',
    newRevision: {
      kind: 'exit',
      runSeconds: 1,
      exitCode: 1,
      logs: [
        '> hello-service@1.4.0 start',
        '> node dist/server.js',
        'node:internal/modules/cjs/loader:1228',
        "Error: Cannot find module 'express'",
        'Require stack:',
        '- /app/dist/server.js',
        '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)',
        '    at Module._load (node:internal/modules/cjs/loader:1051:27)',
        '    at Module.require (node:internal/modules/cjs/loader:1311:19)',
        '    at require (node:internal/modules/helpers:179:18)',
        '    at Object.<anonymous> (/app/dist/server.js:3:17)',
        '    at Module._compile (node:internal/modules/cjs/loader:1469:14)',
        '    at Module.load (node:internal/modules/cjs/loader:1288:32)',
        "  code: 'MODULE_NOT_FOUND',",
        "  requireStack: [ '/app/dist/server.js' ]",
        'Node.js v22.12.0',
      ],
    },
  },
  'late-logs': {
    name: 'late-logs',
    description: 'crash loop whose log lines reach CloudWatch Logs 3 s after the container wrote them',
    newRevision: CRASH_LOOP,
    logDelaySeconds: 3,
  },
  'silent-exit': {
    name: 'silent-exit',
    description: 'the container exits with code 1 before writing a single log line',
    newRevision: { kind: 'exit', runSeconds: 0, exitCode: 1, logs: [] },
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
        'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:hello-service/database-AbCdEf from secrets manager: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/hello-service-task-execution/0a1b2c3d is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:hello-service/database-AbCdEf because no identity-based policy allows the secretsmanager:GetSecretValue action',
    },
  },
  'alarm-rollback': {
    name: 'alarm-rollback',
    description:
      'alarm rollback: the new tasks pass their health checks, then answer 5xx; the 5xx alarm fires during the bake time and ECS rolls back',
    newRevision: { kind: 'healthy' },
    alarms: {
      alarms: [
        {
          AlarmName: 'hello-service-rollback-5xx',
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'HTTPCode_Target_5XX_Count',
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 10,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        },
        {
          AlarmName: 'hello-service-rollback-unhealthy-hosts',
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'UnHealthyHostCount',
          Statistic: 'Maximum',
          Period: 60,
          EvaluationPeriods: 2,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        },
      ],
      bakeSeconds: 300,
      fires: {
        alarmName: 'hello-service-rollback-5xx',
        atSeconds: 120,
        stateReason:
          'Threshold Crossed: 1 out of the last 1 datapoints [37.0 (15/01/26 09:01:00)] was greater than or equal to the threshold (10.0) (minimum 1 datapoint for OK -> ALARM transition).',
      },
    },
  },
  scaled: {
    name: 'scaled',
    description: 'scaled service: auto scaling runs 5 tasks (hatoba.yml says desiredCount 2); the deploy keeps 5',
    newRevision: { kind: 'healthy' },
    initialDesiredCount: 5,
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
  'pull-errors-while-throttled': {
    name: 'pull-errors-while-throttled',
    description: 'image pull errors while ECS throttles every call for the first 60 s',
    newRevision: {
      kind: 'fail-to-start',
      afterSeconds: 12,
      stoppedReason: IMAGE_NOT_FOUND,
      containerReason: IMAGE_NOT_FOUND,
    },
    throttle: { fromSeconds: 0, toSeconds: 60 },
  },
  'rollback-while-throttled': {
    name: 'rollback-while-throttled',
    description: 'the circuit breaker rolls back and the rollback completes while ECS throttles (first 90 s)',
    newRevision: OUT_OF_MEMORY,
    circuitBreaker: { rollback: true, threshold: 1 },
    throttle: { fromSeconds: 0, toSeconds: 90 },
  },
  'list-tasks-denied': {
    name: 'list-tasks-denied',
    description: 'healthy roll-out watched by a role without ecs:ListTasks',
    newRevision: { kind: 'healthy' },
    denied: ['ecs:ListTasks'],
  },
  'large-service': {
    name: 'large-service',
    description: 'a service running 120 tasks (more than one ListTasks page and one DescribeTasks call)',
    newRevision: { kind: 'healthy' },
    initialDesiredCount: 120,
  },
  throttled: {
    name: 'throttled',
    description: 'ECS throttles every call after UpdateService',
    newRevision: { kind: 'healthy' },
    throttle: { fromSeconds: 0, toSeconds: 3600 },
  },
  stalled: {
    name: 'stalled',
    description: 'after UpdateService the ECS endpoint accepts connections and never answers',
    newRevision: { kind: 'healthy' },
    stallAfterUpdate: true,
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
