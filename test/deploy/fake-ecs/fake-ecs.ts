import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CloudWatchClient,
  CloudWatchServiceException,
  DescribeAlarmsCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  GetLogEventsCommand,
  ResourceNotFoundException as LogsNotFound,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  ClientException,
  type Deployment,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ECSServiceException,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  RunTaskCommand,
  type RunTaskCommandInput,
  ServerException,
  type Service,
  StopTaskCommand,
  type Task,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { type SteerableClock, VirtualClock } from './virtual-clock.js';

/** How tasks of one revision behave once launched. Times are seconds after launch unless said otherwise. */
export type TaskBehaviour =
  | { readonly kind: 'healthy'; readonly startSeconds?: number }
  /** Stops before the container runs (image pull, secrets, network). */
  | {
      readonly kind: 'fail-to-start';
      readonly afterSeconds: number;
      readonly stoppedReason: string;
      readonly containerReason?: string;
    }
  /** Starts, writes `logs`, then the container exits. */
  | {
      readonly kind: 'exit';
      readonly runSeconds: number;
      readonly exitCode: number;
      readonly containerReason?: string;
      readonly logs: readonly string[];
    }
  /** Starts and keeps running, but the load balancer health check fails with this reason. */
  | {
      readonly kind: 'unhealthy';
      readonly reason: string;
      readonly description: string;
      readonly logs: readonly string[];
    }
  /** Never gets past PENDING. */
  | { readonly kind: 'stuck' };

export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** How tasks of the revision the deploy registers behave. */
  readonly newRevision: TaskBehaviour;
  /** The service's desired count before the deploy (0: first deploy). Default 2. */
  readonly initialDesiredCount?: number;
  readonly circuitBreaker?: { readonly rollback: boolean; readonly threshold: number };
  /** ECS calls between these seconds after UpdateService fail with ThrottlingException. */
  readonly throttle?: { readonly fromSeconds: number; readonly toSeconds: number };
  /** The first ECS call at or after each of these seconds after UpdateService fails with a 503. */
  readonly serverErrorsAtSeconds?: readonly number[];
  /** Someone else's deploy of a newer revision starts this many seconds after ours. */
  readonly supersedeAtSeconds?: number;
  readonly deregistrationDelaySeconds?: number;
  /** Log events become readable this many seconds after the container wrote them. */
  readonly logDelaySeconds?: number;
  /** IAM actions the caller lacks (`ecs:ListTasks`): those calls fail with AccessDeniedException. */
  readonly denied?: readonly string[];
  /** Over HTTP: after UpdateService the ECS endpoint accepts connections and never answers. */
  readonly stallAfterUpdate?: boolean;
  /** The service still runs the bootstrap task definition `<app>-bootstrap:1` (nothing deployed yet). */
  readonly bootstrap?: boolean;
  /** How a task RunTask starts behaves (`hatoba run`); default: runs 10 s and exits 0. */
  readonly runTask?: TaskBehaviour;
  /** RunTask places nothing and answers this in failures[] (e.g. capacity). */
  readonly runTaskFailure?: { readonly reason: string; readonly detail?: string };
  /**
   * The service's deployment alarms (rollback on). With alarms, a deployment whose tasks are up stays IN_PROGRESS
   * for `bakeSeconds` (ECS's bake time) before COMPLETED; `fires` puts one alarm in ALARM at that second after
   * UpdateService, and ECS fails the deployment and rolls back to the last completed one.
   */
  readonly alarms?: {
    readonly alarms: readonly Omit<MetricAlarm, 'StateValue' | 'StateReason' | 'StateUpdatedTimestamp'>[];
    readonly bakeSeconds: number;
    readonly fires?: { readonly alarmName: string; readonly atSeconds: number; readonly stateReason: string };
  };
}

export interface FakeEcsOptions {
  /** Virtual time by default; the HTTP tests pass a wall clock so the SDK's real retries and timers count. */
  readonly clock?: SteerableClock;
  /** Which clients aws-sdk-client-mock answers for; the others go over HTTP to the stand-in. */
  readonly mock?: { readonly ecs: boolean; readonly logs: boolean };
  /** Default: the fixture's service (FIXTURE_TARGET). */
  readonly target?: FakeTarget;
}

interface Operation {
  readonly service: 'ecs' | 'logs' | 'elbv2' | 'cloudformation' | 'cloudwatch';
  /** Whether the scenario's throttling and 5xx apply. */
  readonly faults: boolean;
  run(input: never): unknown;
}

interface LogEventsInput {
  readonly logStreamName?: string;
  readonly limit?: number;
  readonly startFromHead?: boolean;
  readonly nextToken?: string;
}

interface UpdateServiceInput {
  readonly cluster?: string;
  readonly service?: string;
  readonly taskDefinition?: string;
  readonly desiredCount?: number;
}

interface ListTasksInput {
  readonly cluster?: string;
  readonly family?: string;
  readonly serviceName?: string;
  readonly startedBy?: string;
  readonly desiredStatus?: string;
  readonly maxResults?: number;
  readonly nextToken?: string;
}

const SERVICE_PREFIX: Record<Operation['service'], string> = {
  ecs: 'ecs',
  logs: 'logs',
  elbv2: 'elasticloadbalancing',
  cloudformation: 'cloudformation',
  cloudwatch: 'cloudwatch',
};

export const ACCOUNT = '123456789012';
export const REGION = 'ap-northeast-1';
export const APP = 'hello-service';
export const TARGET_GROUP_ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/${APP}/0f1e2d3c4b5a6978`;
export const REPOSITORY_URI = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${APP}`;
/** 2026-01-15T09:00:00Z: virtual time starts here. */
export const EPOCH = Date.UTC(2026, 0, 15, 9, 0, 0);

/**
 * Where the fake's one service lives and what hatoba names around it: the fixture's by default, or one environment's
 * (`shop-production` cluster and family, `shop-production-service` stack) in another account.
 */
export interface FakeTarget {
  readonly account: string;
  readonly region: string;
  /** `<app>` for a single-environment file, `<app>-<environment>` with environments (src/naming.ts). */
  readonly own: string;
  readonly app: string;
  readonly cluster: string;
  readonly service: string;
  readonly logGroup: string;
  /** Where the images come from (the build account's repository). */
  readonly repositoryUri: string;
}

export const FIXTURE_TARGET: FakeTarget = {
  account: ACCOUNT,
  region: REGION,
  own: APP,
  app: APP,
  cluster: APP,
  service: APP,
  logGroup: `/hatoba/${APP}`,
  repositoryUri: REPOSITORY_URI,
};

const INITIAL_REVISION = 6;
/** Revision 0 stands for the bootstrap task definition `<app>-bootstrap:1`. */
const BOOTSTRAP_REVISION = 0;
const CONTAINER = 'app';
const PORT = 8080;
const HEALTH_INTERVAL = 5;
const HEALTHY_THRESHOLD = 2;
const UNHEALTHY_THRESHOLD = 2;
const RELAUNCH_DELAY = 10;

interface FakeTask {
  readonly id: string;
  readonly arn: string;
  readonly revision: number;
  readonly deploymentId: string;
  readonly createdAt: number;
  readonly behaviour: TaskBehaviour;
  readonly ip: string;
  lastStatus: 'PROVISIONING' | 'PENDING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPED';
  desiredStatus: 'RUNNING' | 'STOPPED';
  startedAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  stoppedReason?: string;
  stopCode?: string;
  exitCode?: number;
  containerReason?: string | undefined;
  target?: { state: string; reason?: string; description?: string; since: number } | undefined;
  failed: boolean;
}

interface FakeDeployment {
  readonly id: string;
  status: 'PRIMARY' | 'ACTIVE';
  readonly revision: number;
  readonly createdAt: number;
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  rolloutStateReason: string;
  failedTasks: number;
  nextLaunchAt: number;
}

export interface CallRecord {
  readonly operation: string;
  /** Seconds since UpdateService (negative before it). */
  readonly at: number;
  readonly input: unknown;
  readonly failed?: string;
  /** The Region of the client that called (aws-sdk-client-mock only; the HTTP stand-in does not know it). */
  readonly region?: string;
}

/**
 * A scenario-driven ECS service behind aws-sdk-client-mock: a Fargate service with an ALB target group, advanced
 * second by second on a virtual clock whenever an API is called. It models what the watcher reads: deployments and
 * rollout states, service events, task lifecycles with stopped reasons and exit codes, target health, awslogs
 * streams, the circuit breaker, throttling and 5xx errors.
 */
export class FakeEcs {
  readonly clock: SteerableClock;
  readonly calls: CallRecord[] = [];
  private readonly tasks: FakeTask[] = [];
  private deployments: FakeDeployment[] = [];
  private readonly events: { id: string; at: number; message: string }[] = [];
  private readonly revisions = new Map<number, { image: string; input?: RegisterTaskDefinitionCommandInput }>();
  /** The tasks RunTask started, with the request. */
  readonly runTasks: { arn: string; input: RunTaskCommandInput }[] = [];
  private readonly logStreams = new Map<string, { at: number; message: string }[]>();
  private desiredCount: number;
  private tick: number;
  private serial = 0;
  private updateAt: number | undefined;
  private deployedRevision: number | undefined;
  private superseded = false;
  /** When the deployed revision's tasks were all up and the old ones gone: the bake time starts. */
  private bakeFrom: number | undefined;
  private readonly alarmStates = new Map<string, { value: 'OK' | 'ALARM'; reason: string; at: number }>();
  private readonly pendingServerErrors: number[];
  readonly mocks: {
    ecs: AwsClientStub<ECSClient>;
    logs: AwsClientStub<CloudWatchLogsClient>;
    elbv2: AwsClientStub<ElasticLoadBalancingV2Client>;
    cloudformation: AwsClientStub<CloudFormationClient>;
    cloudwatch: AwsClientStub<CloudWatchClient>;
  };

  readonly target: FakeTarget;
  private readonly targetGroupArn: string;

  constructor(
    readonly scenario: Scenario,
    options: FakeEcsOptions = {},
  ) {
    this.target = options.target ?? FIXTURE_TARGET;
    const { region, account, own } = this.target;
    this.targetGroupArn =
      this.target === FIXTURE_TARGET
        ? TARGET_GROUP_ARN
        : `arn:aws:elasticloadbalancing:${region}:${account}:targetgroup/${own}/0f1e2d3c4b5a6978`;
    this.clock = options.clock ?? new VirtualClock(EPOCH);
    this.desiredCount = scenario.initialDesiredCount ?? 2;
    this.pendingServerErrors = [...(scenario.serverErrorsAtSeconds ?? [])].sort((a, b) => a - b);
    for (let revision = 1; revision <= INITIAL_REVISION; revision++) {
      this.revisions.set(revision, { image: `${this.target.repositoryUri}@sha256:${digest(revision)}` });
    }
    // History: revision 6 was deployed an hour ago; revision 5's tasks stopped when it replaced them.
    const start = EPOCH - 3_600_000;
    this.tick = start;
    const old = this.deploy(5, start - 600_000);
    old.rolloutState = 'COMPLETED';
    for (let i = 0; i < this.desiredCount; i++) {
      const task = this.launch(old, start - 590_000, { kind: 'healthy' });
      this.stop(
        task,
        start - 60_000,
        'Scaling activity initiated by (deployment ecs-svc/1000000000000000060)',
        'ServiceSchedulerInitiated',
        0,
      );
      task.lastStatus = 'STOPPED';
    }
    this.deployments = [];
    const current = this.deploy(INITIAL_REVISION, start);
    current.rolloutState = 'COMPLETED';
    current.rolloutStateReason = `ECS deployment ${current.id} completed.`;
    for (let i = 0; i < this.desiredCount; i++) {
      const task = this.launch(current, start, { kind: 'healthy' });
      task.lastStatus = 'RUNNING';
      task.startedAt = start + 20_000;
      task.target = { state: 'healthy', since: start + 30_000 };
    }
    if (scenario.bootstrap) {
      // Nothing deployed yet: the service runs the template's bootstrap family and the app's family is empty.
      this.revisions.clear();
      this.revisions.set(BOOTSTRAP_REVISION, { image: `${this.target.repositoryUri}:bootstrap` });
      this.deployments = [];
      const bootstrap = this.deploy(BOOTSTRAP_REVISION, start);
      bootstrap.rolloutState = 'COMPLETED';
      for (const task of this.tasks.filter((t) => t.desiredStatus === 'RUNNING')) task.desiredStatus = 'STOPPED';
    }
    for (const alarm of scenario.alarms?.alarms ?? []) {
      this.alarmStates.set(alarm.AlarmName ?? '', {
        value: 'OK',
        reason:
          'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].',
        at: start,
      });
    }
    this.mocks = this.install(options.mock ?? { ecs: true, logs: true });
  }

  /** Clients as the CLI builds them; class-level mocks answer for every instance. */
  clients() {
    const options = { region: this.target.region };
    return {
      ecs: new ECSClient(options),
      logs: new CloudWatchLogsClient(options),
      elbv2: new ElasticLoadBalancingV2Client(options),
      cloudformation: new CloudFormationClient(options),
      cloudwatch: new CloudWatchClient(options),
    };
  }

  restore(): void {
    for (const mock of Object.values(this.mocks)) mock.restore();
  }

  /** Virtual seconds since UpdateService. */
  secondsSinceUpdate(at = this.clock.now()): number {
    return this.updateAt === undefined ? Number.NaN : (at - this.updateAt) / 1000;
  }

  /** When the first task of the deployed revision was told to stop, in seconds since UpdateService. */
  firstStoppedTaskAt(): number | undefined {
    const times = this.tasks
      .filter((t) => t.revision === this.deployedRevision && t.failed && t.stoppingAt !== undefined)
      .map((t) => t.stoppingAt as number);
    return times.length === 0 ? undefined : this.secondsSinceUpdate(Math.min(...times));
  }

  /** When the circuit breaker failed the deployment, in seconds since UpdateService. */
  rolledBackAt: number | undefined;
  /** When the deployed revision reached COMPLETED, in seconds since UpdateService. */
  completedAt: number | undefined;

  /** Tasks of the deployed revision that failed, with when they were told to stop (seconds since UpdateService). */
  failedTasks(): { taskId: string; at: number }[] {
    return this.tasks
      .filter((t) => t.revision === this.deployedRevision && t.failed && t.stoppingAt !== undefined)
      .map((t) => ({ taskId: t.id, at: this.secondsSinceUpdate(t.stoppingAt) }));
  }

  callCount(operation: string): number {
    return this.calls.filter((c) => c.operation === operation).length;
  }

  // ---- API handlers -------------------------------------------------------------------------------------------

  /**
   * Every API the fake serves, by operation name: what aws-sdk-client-mock and the HTTP stand-in (http-server.ts)
   * both call, so the two transports answer from the same state machine.
   */
  private operations(): Record<string, Operation> {
    const ecs = (run: (input: never) => unknown): Operation => ({ service: 'ecs', faults: true, run });
    const quiet = (service: Operation['service'], run: (input: never) => unknown): Operation => ({
      service,
      faults: false,
      run,
    });
    return {
      DescribeServices: ecs((i: { cluster?: string; services?: string[] }) => this.describeServices(i)),
      // DescribeClusters (Amazon ECS API Reference): "A list of up to 100 cluster names or full cluster ARN entries";
      // a name that does not exist comes back in failures with reason MISSING.
      DescribeClusters: ecs((i: { clusters?: string[] }) => this.describeClusters(i.clusters ?? ['default'])),
      RegisterTaskDefinition: ecs((i: RegisterTaskDefinitionCommandInput) => this.register(i)),
      UpdateService: ecs((i: UpdateServiceInput) => this.inCluster(i.cluster, () => this.update(i))),
      ListTasks: ecs((i: ListTasksInput) => this.inCluster(i.cluster, () => this.listTasks(i))),
      RunTask: ecs((i: RunTaskCommandInput) => this.inCluster(i.cluster, () => this.runTask(i))),
      StopTask: ecs((i: { cluster?: string; task?: string; reason?: string }) =>
        this.inCluster(i.cluster, () => this.stopTask(i)),
      ),
      DescribeTasks: ecs((i: { cluster?: string; tasks?: string[] }) =>
        this.inCluster(i.cluster, () => this.describeTasks(i.tasks ?? [])),
      ),
      DescribeTaskDefinition: ecs((i: { taskDefinition?: string }) =>
        this.describeTaskDefinition(i.taskDefinition ?? ''),
      ),
      // ListTaskDefinitions (Amazon ECS API Reference): familyPrefix keeps the families whose name starts with it.
      ListTaskDefinitions: ecs((i: { familyPrefix?: string }) => ({
        taskDefinitionArns: [...this.revisions.keys()]
          .filter((r) => r > 0 && this.target.own.startsWith(i.familyPrefix ?? ''))
          .sort((a, b) => b - a)
          .map((r) => taskDefinitionArn(r, this.target)),
      })),
      GetLogEvents: quiet('logs', (i: LogEventsInput) => this.getLogEvents(i)),
      DescribeTargetHealth: quiet('elbv2', () => this.describeTargetHealth()),
      DescribeTargetGroups: quiet('elbv2', (i: { TargetGroupArns?: string[] }) => this.describeTargetGroups(i)),
      DescribeLogGroups: quiet('logs', (i: { logGroupNamePrefix?: string }) => ({
        logGroups: [this.target.logGroup]
          .filter((name) => name.startsWith(i.logGroupNamePrefix ?? ''))
          .map((logGroupName) => ({ logGroupName, retentionInDays: 30 })),
      })),
      DescribeStacks: quiet('cloudformation', (i: { StackName?: string }) => this.describeStacks(i.StackName)),
      DescribeAlarms: quiet('cloudwatch', (i: { AlarmNames?: string[] }) => this.describeAlarms(i.AlarmNames)),
    };
  }

  /** One API call: moves the simulation to the clock's time, injects the scenario's faults, records the call. */
  call(operation: string, input: unknown, region?: string): unknown {
    const found = this.operations()[operation];
    if (found === undefined) {
      throw new ECSServiceException({
        name: 'UnknownOperationException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: `${operation} is not served by the fake`,
      });
    }
    this.advance();
    const denied = this.scenario.denied?.includes(`${SERVICE_PREFIX[found.service]}:${operation}`)
      ? accessDenied(`${SERVICE_PREFIX[found.service]}:${operation}`)
      : undefined;
    const fault = denied ?? (found.faults ? this.fault() : undefined);
    this.calls.push({
      operation,
      at: this.secondsSinceUpdate(),
      input,
      ...(fault ? { failed: fault.name } : {}),
      ...(region === undefined ? {} : { region }),
    });
    if (fault) throw fault;
    return found.run(input as never);
  }

  /** Which service answers an operation (the HTTP stand-in checks the request's target prefix against it). */
  serviceOf(operation: string): Operation['service'] | undefined {
    return this.operations()[operation]?.service;
  }

  /** True when the scenario's endpoint accepts this call and never answers it (HTTP stand-in only). */
  stalls(operation: string): boolean {
    const service = this.operations()[operation]?.service;
    return service === 'ecs' && this.scenario.stallAfterUpdate === true && this.updateAt !== undefined;
  }

  private install(mocked: NonNullable<FakeEcsOptions['mock']>) {
    const handle =
      (operation: string) =>
      async (input: unknown, getClient: () => { config: { region: () => Promise<string> } }): Promise<never> =>
        this.call(operation, input, await getClient().config.region()) as never;
    const ecs = mockClient(ECSClient);
    const logs = mockClient(CloudWatchLogsClient);
    const elbv2 = mockClient(ElasticLoadBalancingV2Client);
    const cloudformation = mockClient(CloudFormationClient);
    const cloudwatch = mockClient(CloudWatchClient);
    if (mocked.ecs) {
      ecs.on(DescribeServicesCommand).callsFake(handle('DescribeServices'));
      ecs.on(DescribeClustersCommand).callsFake(handle('DescribeClusters'));
      ecs.on(RegisterTaskDefinitionCommand).callsFake(handle('RegisterTaskDefinition'));
      ecs.on(UpdateServiceCommand).callsFake(handle('UpdateService'));
      ecs.on(ListTasksCommand).callsFake(handle('ListTasks'));
      ecs.on(RunTaskCommand).callsFake(handle('RunTask'));
      ecs.on(StopTaskCommand).callsFake(handle('StopTask'));
      ecs.on(DescribeTasksCommand).callsFake(handle('DescribeTasks'));
      ecs.on(DescribeTaskDefinitionCommand).callsFake(handle('DescribeTaskDefinition'));
      ecs.on(ListTaskDefinitionsCommand).callsFake(handle('ListTaskDefinitions'));
    } else {
      ecs.restore();
    }
    if (mocked.logs) {
      logs.on(GetLogEventsCommand).callsFake(handle('GetLogEvents'));
      logs.on(DescribeLogGroupsCommand).callsFake(handle('DescribeLogGroups'));
    } else logs.restore();
    elbv2.on(DescribeTargetHealthCommand).callsFake(handle('DescribeTargetHealth'));
    elbv2.on(DescribeTargetGroupsCommand).callsFake(handle('DescribeTargetGroups'));
    cloudformation.on(DescribeStacksCommand).callsFake(handle('DescribeStacks'));
    cloudwatch.on(DescribeAlarmsCommand).callsFake(handle('DescribeAlarms'));
    return { ecs, logs, elbv2, cloudformation, cloudwatch };
  }

  // Amazon ECS API Reference: `cluster` defaults to the default cluster; one that does not exist in this account and
  // Region is ClusterNotFoundException ("Amazon ECS clusters are Region specific").
  private inCluster<T>(cluster: string | undefined, run: () => T): T {
    const name = (cluster ?? 'default').slice((cluster ?? '').lastIndexOf('/') + 1);
    if (name !== this.target.cluster) {
      throw new ECSServiceException({
        name: 'ClusterNotFoundException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'Cluster not found.',
      });
    }
    return run();
  }

  // DescribeServices (Amazon ECS API Reference): services of another name come back in failures with reason MISSING.
  private describeServices(input: { cluster?: string; services?: string[] }) {
    return this.inCluster(input.cluster, () => {
      const names = input.services ?? [];
      const ours = (s: string) => s.slice(s.lastIndexOf('/') + 1) === this.target.service;
      return {
        services: names.some(ours) ? [this.service()] : [],
        failures: names
          .filter((s) => !ours(s))
          .map((s) => ({
            arn: `arn:aws:ecs:${this.target.region}:${this.target.account}:service/${this.target.cluster}/${s}`,
            reason: 'MISSING',
          })),
      };
    });
  }

  // ListTasks returns at most 100 ARNs per page (maxResults 1–100, default 100) with a nextToken for the rest
  // (Amazon ECS API Reference, ListTasks).
  private listTasks(input: ListTasksInput) {
    const limit = input.maxResults ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw invalidParameter(`maxResults must be between 1 and 100 (got ${limit})`);
    }
    const matching = this.tasks.filter(
      (t) =>
        (input.desiredStatus ?? 'RUNNING') === t.desiredStatus &&
        (input.family === undefined || familyOf(this.target.own, t.revision) === input.family) &&
        (input.serviceName === undefined || input.serviceName === this.target.service) &&
        (input.startedBy === undefined || input.startedBy === t.deploymentId),
    );
    const offset = input.nextToken === undefined ? 0 : Number(input.nextToken);
    const page = matching.slice(offset, offset + limit);
    const next = offset + limit < matching.length ? String(offset + limit) : undefined;
    return { taskArns: page.map((t) => t.arn), ...(next === undefined ? {} : { nextToken: next }) };
  }

  // DescribeTasks takes "a list of up to 100 task IDs or full ARN entries" (Amazon ECS API Reference, DescribeTasks).
  private describeTasks(arns: readonly string[]) {
    if (arns.length === 0 || arns.length > 100) {
      throw invalidParameter(`tasks must list 1 to 100 tasks (got ${arns.length})`);
    }
    return { tasks: this.tasks.filter((t) => arns.includes(t.arn)).map((t) => this.describeTask(t)), failures: [] };
  }

  // Log events become readable a little after the container wrote them (the awslogs driver ships them in batches;
  // delivery commonly lags a second or two and no AWS page promises a bound): `logDelaySeconds` models it. A stream
  // with nothing readable yet answers ResourceNotFoundException, as GetLogEvents does for a stream that does not exist.
  private getLogEvents(input: LogEventsInput) {
    const visibleBefore = this.clock.now() - (this.scenario.logDelaySeconds ?? 0) * 1000;
    const stream = this.logStreams.get(input.logStreamName ?? '')?.filter((e) => e.at <= visibleBefore);
    if (stream === undefined || stream.length === 0) {
      throw new LogsNotFound({
        $metadata: { httpStatusCode: 400 },
        message: 'The specified log stream does not exist.',
      });
    }
    // GetLogEvents (CloudWatch Logs API Reference): startFromHead reads oldest first; nextForwardToken continues
    // after the last event returned (the same token again when nothing new arrived).
    if (input.startFromHead || input.nextToken !== undefined) {
      const from = input.nextToken === undefined ? 0 : Number(input.nextToken.replace(/^f\//, ''));
      const page = stream.slice(from, from + (input.limit ?? 10000));
      return {
        events: page.map((e) => ({ timestamp: e.at, message: e.message })),
        nextForwardToken: `f/${from + page.length}`,
      };
    }
    return { events: stream.slice(-(input.limit ?? 10000)).map((e) => ({ timestamp: e.at, message: e.message })) };
  }

  // RunTask (Amazon ECS API Reference): networkConfiguration is required for awsvpc task definitions; launchType and
  // capacityProviderStrategy exclude each other; count 1–10; startedBy up to 128 characters; an override must name a
  // container of the task definition; placement problems come back in failures[] (arn, reason, detail), not as errors.
  private runTask(input: RunTaskCommandInput) {
    const revision = revisionFromReference(this.target.own, input.taskDefinition ?? '');
    if (!this.revisions.has(revision)) {
      throw new ClientException({ $metadata: { httpStatusCode: 400 }, message: 'TaskDefinition not found.' });
    }
    if ((input.networkConfiguration?.awsvpcConfiguration?.subnets ?? []).length === 0) {
      throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    }
    if (input.launchType !== undefined && input.capacityProviderStrategy !== undefined) {
      throw invalidParameter('Specifying both a launch type and capacity provider strategy is not supported.');
    }
    const count = input.count ?? 1;
    if (count < 1 || count > 10) throw invalidParameter(`count must be between 1 and 10 (got ${count})`);
    if ((input.startedBy ?? '').length > 128) throw invalidParameter('startedBy may be at most 128 characters.');
    for (const override of input.overrides?.containerOverrides ?? []) {
      if (override.name !== CONTAINER) {
        throw invalidParameter(
          `Override for container named ${override.name} is not a container in the TaskDefinition.`,
        );
      }
    }
    const failure = this.scenario.runTaskFailure;
    if (failure !== undefined) {
      return {
        tasks: [],
        failures: [
          {
            arn: `arn:aws:ecs:${this.target.region}:${this.target.account}:container-instance/${this.target.cluster}/-`,
            ...failure,
          },
        ],
      };
    }
    const behaviour = this.scenario.runTask ?? { kind: 'exit', runSeconds: 10, exitCode: 0, logs: ['done'] };
    const task = this.launch({ id: input.startedBy ?? 'run', revision } as FakeDeployment, this.clock.now(), behaviour);
    this.runTasks.push({ arn: task.arn, input });
    return { tasks: [this.describeTask(task)], failures: [] };
  }

  // StopTask (Amazon ECS API Reference): the reason becomes stoppedReason, stopCode UserInitiated; the container
  // gets SIGTERM and, after its stop timeout, SIGKILL.
  private stopTask(input: { task?: string; reason?: string }) {
    const task = this.tasks.find((t) => t.arn === input.task || t.id === input.task);
    if (task === undefined) throw invalidParameter('The referenced task was not found.');
    if (task.desiredStatus !== 'STOPPED') {
      this.stop(task, this.clock.now(), input.reason ?? 'Task stopped by user', 'UserInitiated', 143);
      task.lastStatus = 'STOPPED';
      task.stoppedAt = this.clock.now();
    }
    return { task: this.describeTask(task) };
  }

  private describeTargetHealth() {
    return {
      TargetHealthDescriptions: this.tasks
        .filter((t) => t.target !== undefined)
        .map((t) => ({
          Target: { Id: t.ip, Port: PORT },
          HealthCheckPort: String(PORT),
          TargetHealth: {
            State: t.target?.state as 'healthy',
            ...(t.target?.reason ? { Reason: t.target.reason as 'Target.Timeout' } : {}),
            ...(t.target?.description ? { Description: t.target.description } : {}),
          },
        })),
    };
  }

  private describeClusters(clusters: readonly string[]) {
    if (clusters.length > 100) throw invalidParameter(`clusters must list at most 100 (got ${clusters.length})`);
    const name = (c: string) => c.slice(c.lastIndexOf('/') + 1);
    const arn = (c: string) => `arn:aws:ecs:${this.target.region}:${this.target.account}:cluster/${name(c)}`;
    return {
      clusters: clusters
        .filter((c) => name(c) === this.target.cluster)
        .map((c) => ({ clusterArn: arn(c), clusterName: this.target.cluster, status: 'ACTIVE' })),
      failures: clusters
        .filter((c) => name(c) !== this.target.cluster)
        .map((c) => ({ arn: arn(c), reason: 'MISSING' })),
    };
  }

  // DescribeTargetGroups (Elastic Load Balancing API Reference): TargetGroupArns or Names, not both; an unknown ARN
  // is TargetGroupNotFound. The health check is what the service stack configures for the fixture (/healthz, 5 s).
  private describeTargetGroups(input: { TargetGroupArns?: string[] }) {
    if (!(input.TargetGroupArns ?? []).every((arn) => arn === this.targetGroupArn)) {
      throw Object.assign(new Error('One or more target groups not found'), { name: 'TargetGroupNotFoundException' });
    }
    return {
      TargetGroups: [
        {
          TargetGroupArn: this.targetGroupArn,
          TargetType: 'ip' as const,
          HealthCheckPath: '/healthz',
          HealthCheckIntervalSeconds: 5,
          HealthyThresholdCount: 2,
          UnhealthyThresholdCount: 2,
        },
      ],
    };
  }

  private describeStacks(name: string | undefined) {
    // CloudFormation DescribeStacks' DriftInformation: NOT_CHECKED until someone runs a drift detection.
    const notChecked = { StackDriftStatus: 'NOT_CHECKED' as const };
    const { app, own, account, region } = this.target;
    if (name === `${app}-pipeline`) {
      return {
        Stacks: [
          {
            StackName: name,
            StackStatus: 'UPDATE_COMPLETE' as const,
            CreationTime: new Date(EPOCH - 86_400_000),
            DriftInformation: notChecked,
          },
        ],
      };
    }
    // DescribeStacks (AWS CloudFormation API Reference): a stack name that does not exist is a ValidationError
    // "Stack with id NAME does not exist".
    if (name !== `${own}-service`) {
      throw Object.assign(new Error(`Stack with id ${name} does not exist`), { name: 'ValidationError' });
    }
    return {
      Stacks: [
        {
          DriftInformation: notChecked,
          StackName: `${own}-service`,
          StackStatus: 'UPDATE_COMPLETE' as const,
          CreationTime: new Date(EPOCH - 86_400_000),
          Outputs: Object.entries({
            ClusterName: this.target.cluster,
            ServiceName: this.target.service,
            TaskFamily: own,
            ExecutionRoleArn: `arn:aws:iam::${account}:role/${own}-task-execution`,
            TaskRoleArn: `arn:aws:iam::${account}:role/${own}-task`,
            LogGroupName: this.target.logGroup,
            TargetGroupArn: this.targetGroupArn,
            ServiceUrl: `http://${own}-123456789.${region}.elb.amazonaws.com`,
          }).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
        },
      ],
    };
  }

  // DescribeAlarms (Amazon CloudWatch API Reference): AlarmNames holds at most 100 names; names that match no alarm are
  // simply absent from MetricAlarms. Without AlarmNames it lists every alarm of the account, which hatoba never asks.
  private describeAlarms(names: readonly string[] | undefined) {
    if (names === undefined || names.length === 0)
      throw new Error('DescribeAlarms without AlarmNames lists every alarm');
    if (names.length > 100) {
      throw new CloudWatchServiceException({
        name: 'InvalidParameterValue',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: `AlarmNames holds at most 100 names (got ${names.length})`,
      });
    }
    const alarms = (this.scenario.alarms?.alarms ?? []).filter((a) => names.includes(a.AlarmName ?? ''));
    return {
      MetricAlarms: alarms.map((alarm) => {
        const state = this.alarmStates.get(alarm.AlarmName ?? '');
        return {
          ...alarm,
          AlarmArn: `arn:aws:cloudwatch:${this.target.region}:${this.target.account}:alarm:${alarm.AlarmName}`,
          StateValue: state?.value,
          StateReason: state?.reason,
          StateUpdatedTimestamp: state === undefined ? undefined : new Date(state.at),
        };
      }),
      CompositeAlarms: [],
    };
  }

  /** Throttling and 5xx injected into ECS calls, as the scenario says. */
  private fault(): Error | undefined {
    if (this.updateAt === undefined) return undefined;
    const since = this.secondsSinceUpdate();
    const { throttle } = this.scenario;
    if (throttle && since >= throttle.fromSeconds && since < throttle.toSeconds) {
      const error = new ECSServiceException({
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'Rate exceeded',
      });
      return Object.assign(error, { $retryable: { throttling: true } });
    }
    const next = this.pendingServerErrors[0];
    if (next !== undefined && since >= next) {
      this.pendingServerErrors.shift();
      return new ServerException({ $metadata: { httpStatusCode: 503 }, message: 'Service Unavailable' });
    }
    return undefined;
  }

  // Amazon ECS service quotas: "Task definition size", 64 KiB; over it ECS answers ClientException
  // "Actual length: 'N'. Max allowed length is '65536' bytes." (measured here on the request as JSON).
  private register(input: RegisterTaskDefinitionCommandInput) {
    const length = Buffer.byteLength(JSON.stringify(input), 'utf8');
    if (length > TASK_DEFINITION_MAX_BYTES) {
      throw new ClientException({
        $metadata: { httpStatusCode: 400 },
        message: `Actual length: '${length}'. Max allowed length is '${TASK_DEFINITION_MAX_BYTES}' bytes.`,
      });
    }
    // The fake holds one family: a revision registered in another would be a new family it does not serve.
    if (input.family !== this.target.own) {
      throw new ClientException({
        $metadata: { httpStatusCode: 400 },
        message: `the fake serves family ${this.target.own}, not ${input.family}`,
      });
    }
    const revision = Math.max(...this.revisions.keys()) + 1;
    this.revisions.set(revision, { image: input.containerDefinitions?.[0]?.image ?? '', input });
    this.deployedRevision ??= revision;
    return {
      taskDefinition: {
        taskDefinitionArn: taskDefinitionArn(revision, this.target),
        revision,
        family: this.target.own,
        status: 'ACTIVE',
      },
    };
  }

  // UpdateService (Amazon ECS API Reference): a service not in the cluster is ServiceNotFoundException.
  private update(input: UpdateServiceInput) {
    if ((input.service ?? '').slice((input.service ?? '').lastIndexOf('/') + 1) !== this.target.service) {
      throw new ECSServiceException({
        name: 'ServiceNotFoundException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'Service not found.',
      });
    }
    const revision = revisionFromReference(this.target.own, input.taskDefinition ?? '');
    if (!this.revisions.has(revision)) {
      throw new ClientException({ $metadata: { httpStatusCode: 400 }, message: 'TaskDefinition not found.' });
    }
    if (input.desiredCount !== undefined) this.desiredCount = input.desiredCount;
    this.updateAt ??= this.clock.now();
    this.deployedRevision ??= revision;
    this.deploy(revision, this.clock.now());
    return { service: this.service() };
  }

  private describeTaskDefinition(reference: string) {
    const revision = revisionFromReference(this.target.own, reference);
    const known = this.revisions.get(revision);
    if (known === undefined) {
      throw new ClientException({ $metadata: { httpStatusCode: 400 }, message: 'Unable to describe task definition.' });
    }
    return {
      taskDefinition: {
        taskDefinitionArn: taskDefinitionArn(revision, this.target),
        family: familyOf(this.target.own, revision),
        revision: Math.max(revision, 1),
        status: 'ACTIVE' as const,
        containerDefinitions: [{ name: CONTAINER, image: known.image }],
      },
    };
  }

  // ---- The scheduler ------------------------------------------------------------------------------------------

  // One PRIMARY ("the most recent deployment of a service"); older ones are ACTIVE while they "still have running
  // tasks" and drop out once "completely replaced" (INACTIVE) (Amazon ECS API Reference, Deployment).
  private deploy(revision: number, at: number, reason?: string): FakeDeployment {
    for (const d of this.deployments) d.status = 'ACTIVE';
    // Real ids are 19 digits; built as strings because they exceed Number.MAX_SAFE_INTEGER.
    const serial = this.updateAt === undefined ? `10000000000000000${revision}` : `70000000000000000${++this.serial}`;
    const deployment: FakeDeployment = {
      id: `ecs-svc/${serial.padEnd(19, '0')}`,
      status: 'PRIMARY',
      revision,
      createdAt: at,
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: reason ?? 'ECS deployment in progress.',
      failedTasks: 0,
      nextLaunchAt: at + 2000,
    };
    this.deployments.unshift(deployment);
    return deployment;
  }

  private launch(deployment: FakeDeployment, at: number, behaviour: TaskBehaviour): FakeTask {
    const n = this.tasks.length + 1;
    const id = `${n.toString(16).padStart(4, '0')}${'a1b2c3d4e5f60718293a4b5c6d7e'}`.slice(0, 32);
    const task: FakeTask = {
      id,
      arn: `arn:aws:ecs:${this.target.region}:${this.target.account}:task/${this.target.cluster}/${id}`,
      revision: deployment.revision,
      deploymentId: deployment.id,
      createdAt: at,
      behaviour,
      ip: `10.0.${Math.floor(n / 250)}.${(n % 250) + 4}`,
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      failed: false,
    };
    this.tasks.push(task);
    return task;
  }

  private behaviourOf(revision: number): TaskBehaviour {
    return revision === this.deployedRevision ? this.scenario.newRevision : { kind: 'healthy' };
  }

  /** Moves the simulation forward to the clock's time, one second at a time. */
  private advance(): void {
    const now = this.clock.now();
    while (this.tick + 1000 <= now) {
      this.tick += 1000;
      this.step(this.tick);
    }
  }

  private step(t: number): void {
    const { supersedeAtSeconds } = this.scenario;
    if (supersedeAtSeconds !== undefined && !this.superseded && this.updateAt !== undefined) {
      if (t >= this.updateAt + supersedeAtSeconds * 1000) {
        this.superseded = true;
        const revision = Math.max(...this.revisions.keys()) + 1;
        this.revisions.set(revision, { image: `${this.target.repositoryUri}@sha256:${digest(revision)}` });
        this.deploy(revision, t);
      }
    }
    for (const task of this.tasks) this.stepTask(task, t);
    this.stepAlarms(t);
    this.stepDeployments(t);
  }

  /**
   * ECS watches the deployment alarms from the first running task of the new deployment through its bake time, and
   * an alarm in ALARM fails the deployment and rolls back to the last completed one ("How CloudWatch alarms detect
   * Amazon ECS deployment failures", Amazon ECS Developer Guide). Events as ECS words them.
   */
  private stepAlarms(t: number): void {
    const fires = this.scenario.alarms?.fires;
    if (fires === undefined || this.updateAt === undefined || t < this.updateAt + fires.atSeconds * 1000) return;
    const state = this.alarmStates.get(fires.alarmName);
    if (state === undefined || state.value === 'ALARM') return;
    this.alarmStates.set(fires.alarmName, { value: 'ALARM', reason: fires.stateReason, at: t });
    const primary = this.deployments.find((d) => d.status === 'PRIMARY');
    if (primary === undefined || primary.revision !== this.deployedRevision) return;
    if (primary.rolloutState !== 'IN_PROGRESS') return;
    const stable = this.deployments.find((d) => d !== primary && d.rolloutState === 'COMPLETED');
    primary.rolloutState = 'FAILED';
    primary.rolloutStateReason = 'ECS deployment failed: alarm detected.';
    this.event(t, `(service ${this.target.service}) (deployment ${primary.id}) deployment failed: alarm detected.`);
    if (stable === undefined) return;
    this.rolledBackAt = this.secondsSinceUpdate(t);
    this.event(t, `(service ${this.target.service}) rolling back to deployment ${stable.id}.`);
    this.bakeFrom = undefined;
    this.deploy(stable.revision, t, `ECS deployment rolling back to deploymentId ${stable.id}.`);
  }

  private stepTask(task: FakeTask, t: number): void {
    const age = (t - task.createdAt) / 1000;
    const b = task.behaviour;
    if (task.lastStatus === 'DEACTIVATING' && t >= (task.stoppingAt ?? t) + this.deregistrationDelay() * 1000) {
      task.lastStatus = 'STOPPED';
      task.stoppedAt = t;
      task.target = undefined;
      return;
    }
    if (task.desiredStatus === 'STOPPED') return;
    if (task.lastStatus === 'PROVISIONING' && age >= 3) task.lastStatus = 'PENDING';
    if (b.kind === 'stuck') return;
    if (b.kind === 'fail-to-start') {
      if (age >= b.afterSeconds) {
        task.containerReason = b.containerReason;
        this.fail(task, t, b.stoppedReason, 'TaskFailedToStart', undefined);
        task.lastStatus = 'STOPPED';
        task.stoppedAt = t;
      }
      return;
    }
    const startSeconds = b.kind === 'healthy' ? (b.startSeconds ?? 20) : 20;
    if (task.lastStatus === 'PENDING' && age >= startSeconds) {
      task.lastStatus = 'RUNNING';
      task.startedAt = t;
      task.target = { state: 'initial', reason: 'Elb.RegistrationInProgress', since: t };
      this.event(t, `(service ${this.target.service}) registered 1 targets in (target-group ${this.targetGroupArn})`);
      if (b.kind === 'exit' || b.kind === 'unhealthy') this.writeLogs(task, t, b.logs);
    }
    if (task.lastStatus !== 'RUNNING' || task.startedAt === undefined) return;
    const running = (t - task.startedAt) / 1000;
    if (b.kind === 'exit' && running >= b.runSeconds) {
      task.containerReason = b.containerReason;
      this.fail(task, t, 'Essential container in task exited', 'EssentialContainerExited', b.exitCode);
      task.lastStatus = 'STOPPED';
      task.stoppedAt = t;
      task.target = undefined;
      return;
    }
    const target = task.target;
    if (target === undefined) return;
    if (target.state === 'initial' && running >= HEALTH_INTERVAL) {
      target.reason = 'Elb.InitialHealthChecking';
    }
    if (b.kind === 'healthy' && target.state === 'initial' && running >= HEALTH_INTERVAL * HEALTHY_THRESHOLD) {
      task.target = { state: 'healthy', since: t };
    }
    if (b.kind === 'unhealthy') {
      if (target.state === 'initial' && running >= HEALTH_INTERVAL * UNHEALTHY_THRESHOLD) {
        task.target = { state: 'unhealthy', reason: b.reason, description: b.description, since: t };
        this.event(
          t,
          `(service ${this.target.service}) (task ${task.id}) (port ${PORT}) is unhealthy in (target-group ${this.targetGroupArn}) due to (reason ${b.description}).`,
        );
      }
      // ECS replaces a task once its target has been unhealthy for a few more checks.
      if (target.state === 'unhealthy' && t >= target.since + HEALTH_INTERVAL * 1000) {
        this.fail(
          task,
          t,
          `Task failed ELB health checks in (target-group ${this.targetGroupArn})`,
          'ServiceSchedulerInitiated',
          143,
        );
        task.lastStatus = 'DEACTIVATING';
        task.target = { state: 'draining', reason: 'Target.DeregistrationInProgress', since: t };
        this.event(t, `(service ${this.target.service}) has stopped 1 running tasks: (task ${task.id}).`);
      }
    }
  }

  private stepDeployments(t: number): void {
    const primary = this.deployments.find((d) => d.status === 'PRIMARY');
    if (primary === undefined) return;
    const live = (d: FakeDeployment) =>
      this.tasks.filter((x) => x.deploymentId === d.id && x.desiredStatus === 'RUNNING');
    if (primary.rolloutState !== 'FAILED') {
      const missing = this.desiredCount - live(primary).length;
      if (missing > 0 && t >= primary.nextLaunchAt) {
        const started = Array.from({ length: missing }, () =>
          this.launch(primary, t, this.behaviourOf(primary.revision)),
        );
        this.event(
          t,
          `(service ${this.target.service}) has started ${missing} tasks: ${started.map((x) => `(task ${x.id})`).join(' ')}.`,
        );
      }
    }
    const healthy = live(primary).filter((x) => x.target?.state === 'healthy').length;
    if (healthy >= this.desiredCount && primary.rolloutState === 'IN_PROGRESS') {
      const old = this.deployments.filter((d) => d !== primary);
      const stopping = old.flatMap((d) => live(d));
      if (stopping.length > 0) {
        for (const task of stopping) {
          this.stop(
            task,
            t,
            `Scaling activity initiated by (deployment ${primary.id})`,
            'ServiceSchedulerInitiated',
            0,
          );
          task.lastStatus = 'DEACTIVATING';
          if (task.target) task.target = { state: 'draining', reason: 'Target.DeregistrationInProgress', since: t };
        }
        this.event(
          t,
          `(service ${this.target.service}) has stopped ${stopping.length} running tasks: ${stopping.map((x) => `(task ${x.id})`).join(' ')}.`,
        );
        this.event(
          t,
          `(service ${this.target.service}) deregistered ${stopping.length} targets in (target-group ${this.targetGroupArn})`,
        );
      }
      const draining = this.tasks.some((x) => x.deploymentId !== primary.id && x.lastStatus === 'DEACTIVATING');
      const baking = !draining && this.baking(primary, t);
      if (!draining && !baking) {
        this.deployments = [primary];
        primary.rolloutState = 'COMPLETED';
        primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
        if (primary.revision === this.deployedRevision) this.completedAt ??= this.secondsSinceUpdate(t);
        this.event(t, `(service ${this.target.service}) (deployment ${primary.id}) deployment completed.`);
        this.event(t, `(service ${this.target.service}) has reached a steady state.`);
      }
    }
  }

  /** With deployment alarms, the deployed revision stays IN_PROGRESS for the bake time once its tasks are up. */
  private baking(primary: FakeDeployment, t: number): boolean {
    const alarms = this.scenario.alarms;
    if (alarms === undefined || primary.revision !== this.deployedRevision) return false;
    this.bakeFrom ??= t;
    return t < this.bakeFrom + alarms.bakeSeconds * 1000;
  }

  private fail(task: FakeTask, t: number, reason: string, stopCode: string, exitCode: number | undefined): void {
    this.stop(task, t, reason, stopCode, exitCode);
    task.failed = true;
    const deployment = this.deployments.find((d) => d.id === task.deploymentId);
    if (deployment === undefined) return;
    deployment.failedTasks += 1;
    deployment.nextLaunchAt = t + RELAUNCH_DELAY * 1000;
    const breaker = this.scenario.circuitBreaker;
    if (breaker && deployment.status === 'PRIMARY' && deployment.rolloutState === 'IN_PROGRESS') {
      if (deployment.failedTasks >= breaker.threshold) this.tripCircuitBreaker(deployment, t, breaker.rollback);
    }
  }

  private tripCircuitBreaker(failed: FakeDeployment, t: number, rollback: boolean): void {
    failed.rolloutState = 'FAILED';
    failed.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';
    this.event(
      t,
      `(service ${this.target.service}) (deployment ${failed.id}) deployment failed: tasks failed to start.`,
    );
    if (!rollback) return;
    const stable = this.deployments.find((d) => d !== failed && d.rolloutState === 'COMPLETED');
    if (stable === undefined) return;
    this.rolledBackAt = this.secondsSinceUpdate(t);
    this.event(t, `(service ${this.target.service}) rolling back to deployment ${stable.id}.`);
    for (const task of this.tasks.filter((x) => x.deploymentId === failed.id && x.desiredStatus === 'RUNNING')) {
      this.stop(task, t, `Scaling activity initiated by (deployment ${stable.id})`, 'ServiceSchedulerInitiated', 143);
      task.lastStatus = 'STOPPED';
    }
    this.deploy(stable.revision, t, `ECS deployment circuit breaker: rolling back to deploymentId ${stable.id}.`);
  }

  private stop(task: FakeTask, t: number, reason: string, stopCode: string, exitCode: number | undefined): void {
    task.desiredStatus = 'STOPPED';
    task.stoppingAt = t;
    task.stoppedReason = reason;
    task.stopCode = stopCode;
    if (exitCode !== undefined) task.exitCode = exitCode;
  }

  private writeLogs(task: FakeTask, t: number, lines: readonly string[]): void {
    this.logStreams.set(
      `ecs/${CONTAINER}/${task.id}`,
      lines.map((message, i) => ({ at: t + i * 100, message })),
    );
  }

  private event(t: number, message: string): void {
    this.events.unshift({ id: `e${this.events.length + 1}`, at: t, message });
  }

  private deregistrationDelay(): number {
    return this.scenario.deregistrationDelaySeconds ?? 10;
  }

  // ---- Response shapes ----------------------------------------------------------------------------------------

  private service(): Service {
    const count = (d: FakeDeployment, status: FakeTask['lastStatus'][]) =>
      this.tasks.filter(
        (x) => x.deploymentId === d.id && x.desiredStatus === 'RUNNING' && status.includes(x.lastStatus),
      ).length;
    const deployments: Deployment[] = this.deployments.map((d) => ({
      id: d.id,
      status: d.status,
      taskDefinition: taskDefinitionArn(d.revision, this.target),
      desiredCount: d.status === 'PRIMARY' ? this.desiredCount : count(d, ['RUNNING']),
      pendingCount: count(d, ['PROVISIONING', 'PENDING']),
      runningCount: count(d, ['RUNNING']),
      failedTasks: d.failedTasks,
      createdAt: new Date(d.createdAt),
      updatedAt: new Date(this.clock.now()),
      launchType: 'FARGATE',
      rolloutState: d.rolloutState,
      rolloutStateReason: d.rolloutStateReason,
    }));
    const primary = this.deployments.find((d) => d.status === 'PRIMARY');
    return {
      serviceArn: `arn:aws:ecs:${this.target.region}:${this.target.account}:service/${this.target.cluster}/${this.target.service}`,
      serviceName: this.target.service,
      clusterArn: `arn:aws:ecs:${this.target.region}:${this.target.account}:cluster/${this.target.cluster}`,
      status: 'ACTIVE',
      desiredCount: this.desiredCount,
      runningCount: deployments.reduce((n, d) => n + (d.runningCount ?? 0), 0),
      pendingCount: deployments.reduce((n, d) => n + (d.pendingCount ?? 0), 0),
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-0a1b2c3d4e5f60718', 'subnet-0b2c3d4e5f6071829'],
          securityGroups: ['sg-0c3d4e5f607182930'],
          assignPublicIp: 'ENABLED',
        },
      },
      taskDefinition: primary ? taskDefinitionArn(primary.revision, this.target) : undefined,
      loadBalancers: [{ targetGroupArn: this.targetGroupArn, containerName: CONTAINER, containerPort: PORT }],
      deploymentConfiguration: {
        maximumPercent: 200,
        minimumHealthyPercent: 100,
        deploymentCircuitBreaker: {
          enable: this.scenario.circuitBreaker !== undefined,
          rollback: this.scenario.circuitBreaker?.rollback ?? false,
        },
        ...(this.scenario.alarms === undefined
          ? {}
          : {
              alarms: {
                alarmNames: this.scenario.alarms.alarms.map((a) => a.AlarmName ?? ''),
                enable: true,
                rollback: true,
              },
            }),
      },
      deployments,
      events: this.events.slice(0, 100).map((e) => ({ id: e.id, createdAt: new Date(e.at), message: e.message })),
    };
  }

  private describeTask(task: FakeTask): Task {
    const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));
    return {
      taskArn: task.arn,
      clusterArn: `arn:aws:ecs:${this.target.region}:${this.target.account}:cluster/${this.target.cluster}`,
      taskDefinitionArn: taskDefinitionArn(task.revision, this.target),
      group: `service:${this.target.service}`,
      startedBy: task.deploymentId,
      launchType: 'FARGATE',
      lastStatus: task.lastStatus,
      desiredStatus: task.desiredStatus,
      healthStatus: 'UNKNOWN',
      createdAt: date(task.createdAt),
      startedAt: date(task.startedAt),
      stoppingAt: date(task.stoppingAt),
      stoppedAt: date(task.stoppedAt),
      stoppedReason: task.stoppedReason,
      stopCode: task.stopCode as Task['stopCode'],
      attachments: [
        {
          type: 'ElasticNetworkInterface',
          status: 'ATTACHED',
          details: [{ name: 'privateIPv4Address', value: task.ip }],
        },
      ],
      containers: [
        {
          name: CONTAINER,
          image: this.revisions.get(task.revision)?.image,
          lastStatus: task.lastStatus === 'STOPPED' ? 'STOPPED' : task.lastStatus === 'RUNNING' ? 'RUNNING' : 'PENDING',
          ...(task.lastStatus === 'STOPPED' && task.exitCode !== undefined ? { exitCode: task.exitCode } : {}),
          ...(task.containerReason ? { reason: task.containerReason } : {}),
          healthStatus: 'UNKNOWN',
          networkInterfaces: [{ privateIpv4Address: task.ip }],
        },
      ],
    };
  }
}

/** A revision's ARN in the fixture's family; `target` for another environment's. */
export function taskDefinitionArn(revision: number, target: FakeTarget = FIXTURE_TARGET): string {
  const { region, account, own } = target;
  return `arn:aws:ecs:${region}:${account}:task-definition/${familyOf(own, revision)}:${Math.max(revision, 1)}`;
}

function revisionFromReference(own: string, reference: string): number {
  if (reference.includes(`${own}-bootstrap:`)) return BOOTSTRAP_REVISION;
  return Number(/:(\d+)$/.exec(reference)?.[1]);
}

function familyOf(own: string, revision: number): string {
  return revision === BOOTSTRAP_REVISION ? `${own}-bootstrap` : own;
}

/** Amazon ECS service quotas, "Task definition size" (64 KiB), stated apart from hatoba's own copy of it. */
const TASK_DEFINITION_MAX_BYTES = 65_536;

function invalidParameter(message: string): Error {
  return new ECSServiceException({
    name: 'InvalidParameterException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message,
  });
}

/** The message shape IAM denials carry (see docs/troubleshooting.md). */
function accessDenied(action: string): Error {
  return new ECSServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/${APP}-deploy/GitHubActions is not authorized to perform: ${action} on resource: * because no identity-based policy allows the ${action} action`,
  });
}

function digest(revision: number): string {
  return revision.toString(16).padStart(2, '0').repeat(32);
}
