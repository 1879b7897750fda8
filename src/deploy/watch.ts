import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { Deployment, ECSClient, Service, Task } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describeAwsError, isThrottling, isTransient } from '../aws/transient.js';
import { deploymentFailed } from '../causes/deployment-failed.js';
import type { CauseText } from '../causes/entry.js';
import type { Clock } from '../clock.js';
import { message, say } from '../i18n/message.js';
import { DEPLOY } from '../i18n/messages/deploy.js';
import { formatDuration } from '../time/duration.js';
import { ALARM_FAILURE, alarmCause } from './alarms.js';
import { abortable, deniedAction, namingAction } from './aws-call.js';
import { type Cause, causeOf } from './cause.js';
import type { HealthContext, TargetHealthSnapshot } from './causes/health-check.js';
import { LOG_WAIT_MS, lastLogLines, settledLogLines } from './container-logs.js';
import { type DiagnoseContext, diagnoseServiceEvent, diagnoseStoppedTask } from './diagnose.js';
import { revisionOf, taskDefinitionName } from './register.js';
import { describeService } from './rollout.js';
import { describeTasks, listTaskArns, taskIdOf, taskPrivateIp } from './tasks.js';

export interface WatchClients {
  readonly ecs: ECSClient;
  readonly logs: CloudWatchLogsClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  /** Reads the deployment alarm that failed a deployment (DescribeAlarms). */
  readonly cloudwatch: CloudWatchClient;
}

/** The deployment being watched and where its evidence lives. */
export interface WatchTarget {
  readonly cluster: string;
  readonly service: string;
  readonly family: string;
  readonly deploymentId: string;
  readonly taskDefinitionArn: string;
  readonly targetGroupArn: string | undefined;
  readonly logGroupName: string;
  logStreamName(taskId: string): string;
  readonly containerName: string;
  readonly architecture: 'X86_64' | 'ARM64';
  readonly health: HealthContext;
  /** Clock time of UpdateService: older service events are history, not news. */
  readonly startedAt: number;
}

export interface WatchOptions {
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly pollMs: number;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((event: ProgressEvent) => void) | undefined;
  /** New tasks in a row that must fail health checks (or stop for an unknown reason) before the deploy fails. */
  readonly repeatedFailures?: number;
  /** Upper bound of the back-off after throttling or 5xx errors. */
  readonly maxBackoffMs?: number;
}

export type ProgressEvent =
  | { readonly type: 'service-event'; readonly at: number; readonly message: string }
  | {
      readonly type: 'deployments';
      readonly at: number;
      readonly lines: readonly string[];
      /** Tasks of the deployment being watched, when the service still lists it. */
      readonly ours: { readonly running: number; readonly desired: number; readonly pending: number } | undefined;
    }
  | { readonly type: 'task-stopped'; readonly at: number; readonly taskId: string; readonly reason: string }
  | { readonly type: 'target-health'; readonly at: number; readonly taskId: string; readonly health: string }
  | { readonly type: 'retry'; readonly at: number; readonly error: string; readonly retryInMs: number }
  | { readonly type: 'degraded'; readonly at: number; readonly message: string };

export type Outcome = 'succeeded' | 'failed' | 'rolled-back' | 'superseded' | 'timed-out';

export interface WatchResult {
  readonly outcome: Outcome;
  /** One line: what happened and why (English). */
  readonly summary: string;
  /** The same line as a catalogue message, for src/report/ to put in the reader's language. */
  readonly summaryMessage: CauseText;
  readonly cause?: Cause;
  /** The task definition the circuit breaker returned to. */
  readonly rolledBackTo?: string;
  readonly supersededBy?: { readonly deploymentId: string; readonly taskDefinitionArn: string };
  /** For a timeout: what had not happened yet (English). */
  readonly waitingOn?: readonly string[];
  /** The same as catalogue messages, for src/report/ to put in the reader's language. */
  readonly waitingOnMessages?: readonly CauseText[];
  readonly finishedAt: number;
  readonly events: readonly { readonly at: number; readonly message: string }[];
  readonly stoppedTasks: readonly { readonly taskId: string; readonly reason: string; readonly causeId?: string }[];
  /** Polls that failed with throttling or a server error and were retried. */
  readonly retriedErrors: number;
}

const DEFAULT_REPEATED_FAILURES = 2;
const DEFAULT_MAX_BACKOFF_MS = 30_000;
// Target states that say nothing about the application: keep the last meaningful one for the diagnosis.
const UNINFORMATIVE_TARGET_STATES = new Set(['draining', 'unused']);

/**
 * Polls one deployment until it completes, fails, is rolled back or replaced, or the time is up. Each poll reads the
 * service (deployments, new events), the stopped tasks of the new revision (with logs when the app itself stopped)
 * and the target health of its running tasks, and fails on the first unrecoverable signal instead of waiting for the
 * circuit breaker or a waiter timeout.
 */
export async function watchDeployment(
  clients: WatchClients,
  target: WatchTarget,
  options: WatchOptions,
): Promise<WatchResult> {
  const watcher = new Watcher(clients, target, options);
  return watcher.run();
}

class Watcher {
  private readonly seenEvents = new Set<string>();
  private readonly settledTasks = new Set<string>();
  private readonly runningTaskIps = new Map<string, string>();
  private readonly ignoredRunning = new Set<string>();
  private readonly targetHealth = new Map<string, TargetHealthSnapshot>();
  private readonly healthyTasks = new Set<string>();
  private readonly events: { at: number; message: string }[] = [];
  private readonly stoppedTasks: { taskId: string; reason: string; causeId?: string }[] = [];
  /** Aborts every AWS call in flight at the deadline (or on Ctrl-C); see run(). */
  private readonly deadline = new AbortController();
  /** Seen failed on an earlier poll or named failed by a service event: a later PRIMARY is ECS's rollback. */
  private oursFailed = false;
  /** ECS failed our deployment because one of its CloudWatch alarms went to ALARM. */
  private alarmFailed = false;
  private fatal: Cause | undefined;
  private lastCause: Cause | undefined;
  private repeatedInARow = 0;
  private lastService: Service | undefined;
  private lastDeploymentLines = '';
  private retriedErrors = 0;
  private lastError: string | undefined;
  private readonly disabled = new Set<'tasks' | 'target-health'>();
  private readonly diagnoseContext: DiagnoseContext;

  constructor(
    private readonly clients: WatchClients,
    private readonly target: WatchTarget,
    private readonly options: WatchOptions,
  ) {
    this.diagnoseContext = {
      containerName: target.containerName,
      architecture: target.architecture,
      health: target.health,
      targetHealth: (taskId) => this.targetHealth.get(taskId),
      logs: (taskId) =>
        settledLogLines(
          () => lastLogLines(clients.logs, target.logGroupName, target.logStreamName(taskId), 20, this.deadline.signal),
          options.clock,
          // Once a cause decides the verdict, the other tasks' logs are read as they are, without waiting.
          this.fatal === undefined ? LOG_WAIT_MS : 0,
          this.deadline.signal,
        ),
    };
  }

  async run(): Promise<WatchResult> {
    const { clock, signal } = this.options;
    const deadline = this.target.startedAt + this.options.timeoutMs;
    // The SDK retries a throttled or unanswered call on its own for many seconds; the abort signal every call carries
    // ends it, retries and back-off included, at the deadline. A real timer: the SDK waits in real time.
    const timer = setTimeout(() => this.deadline.abort(new Error('deadline')), Math.max(0, deadline - clock.now()));
    const interrupt = () => this.deadline.abort(signal?.reason);
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      return await this.pollUntil(deadline);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', interrupt);
    }
  }

  private async pollUntil(deadline: number): Promise<WatchResult> {
    const { clock } = this.options;
    let throttledInARow = 0;
    for (;;) {
      let retry: string | undefined;
      try {
        const verdict = await this.poll();
        if (verdict !== undefined) return verdict;
        throttledInARow = 0;
      } catch (error) {
        if (this.options.signal?.aborted) throw error;
        if (this.deadline.signal.aborted) {
          this.lastError ??= 'none; the call in flight at the deadline was cancelled';
          return this.timedOut();
        }
        if (!isTransient(error)) throw error;
        this.retriedErrors += 1;
        this.lastError = describeAwsError(error);
        retry = this.lastError;
        // Throttling means "slow down": back off 5 s, 10 s, 20 s… up to the cap. A 5xx or dropped connection is
        // a blip: poll again at the normal pace.
        throttledInARow = isThrottling(error) ? throttledInARow + 1 : 0;
      }
      const cap = Math.max(this.options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS, this.options.pollMs);
      const backoff = Math.min(this.options.pollMs * 2 ** Math.max(0, throttledInARow - 1), cap);
      if (retry !== undefined) this.emit({ type: 'retry', at: clock.now(), error: retry, retryInMs: backoff });
      const remaining = deadline - clock.now();
      if (remaining <= 0 || this.deadline.signal.aborted) return this.timedOut();
      await clock.sleep(Math.min(backoff, remaining), this.options.signal);
    }
  }

  /** One round of reads; returns the verdict once there is one. */
  private async poll(): Promise<WatchResult | undefined> {
    const { ecs } = this.clients;
    const service = await describeService(ecs, this.target.cluster, this.target.service, this.deadline.signal);
    this.lastService = service;
    this.readEvents(service);
    const ours = service.deployments?.find((d) => d.id === this.target.deploymentId);
    if (ours?.rolloutState === 'FAILED') {
      this.oursFailed = true;
      if (/alarm/i.test(ours.rolloutStateReason ?? '')) this.alarmFailed = true;
    }
    const active = ours?.rolloutState === 'IN_PROGRESS' && (ours.runningCount ?? 0) > 0;
    if (active && this.target.targetGroupArn !== undefined) {
      await this.optional('target-health', () => this.readTargetHealth());
    }
    await this.optional('tasks', () => this.readStoppedTasks());
    this.reportDeployments(service);
    return this.decide(service, ours);
  }

  private readEvents(service: Service): void {
    // DescribeServices returns the newest events first; report them oldest first, each once.
    const fresh = (service.events ?? [])
      .filter((e) => e.id !== undefined && !this.seenEvents.has(e.id))
      .filter((e) => (e.createdAt?.getTime() ?? 0) >= this.target.startedAt - 1000)
      .reverse();
    for (const event of fresh) {
      this.seenEvents.add(event.id as string);
      const at = event.createdAt?.getTime() ?? this.options.clock.now();
      const message = event.message ?? '';
      this.events.push({ at, message });
      this.emit({ type: 'service-event', at, message });
      if (message.includes(`(deployment ${this.target.deploymentId}) deployment failed`)) {
        this.oursFailed = true;
        if (ALARM_FAILURE.test(message)) this.alarmFailed = true;
      }
      const cause = diagnoseServiceEvent(message);
      if (cause !== undefined) this.record(cause);
    }
  }

  private reportDeployments(service: Service): void {
    const lines = (service.deployments ?? []).map((d) => describeDeployment(d, this.target));
    const key = lines.join('\n');
    if (key === this.lastDeploymentLines) return;
    this.lastDeploymentLines = key;
    const mine = service.deployments?.find((d) => d.id === this.target.deploymentId);
    const ours =
      mine === undefined
        ? undefined
        : { running: mine.runningCount ?? 0, desired: mine.desiredCount ?? 0, pending: mine.pendingCount ?? 0 };
    this.emit({ type: 'deployments', at: this.options.clock.now(), lines, ours });
  }

  /**
   * Stopped tasks started by our deployment, each diagnosed once it has said why it stopped. Every stopped task is
   * described once, those of earlier deployments included: a task of ours may have stopped before the first poll
   * that got through (throttling), so "already stopped" does not mean "not ours".
   */
  private async readStoppedTasks(): Promise<void> {
    const { ecs } = this.clients;
    const { signal } = this.deadline;
    const arns = await listTaskArns(ecs, this.target.cluster, { family: this.target.family }, 'STOPPED', signal);
    const fresh = arns.filter((arn) => !this.settledTasks.has(arn));
    if (fresh.length === 0) return;
    const tasks = await describeTasks(ecs, this.target.cluster, fresh, signal);
    tasks.sort((a, b) => (a.stoppingAt?.getTime() ?? 0) - (b.stoppingAt?.getTime() ?? 0));
    for (const task of tasks) await this.readStoppedTask(task);
  }

  private async readStoppedTask(task: Task): Promise<void> {
    const arn = task.taskArn ?? '';
    if (task.startedBy !== this.target.deploymentId) {
      this.settledTasks.add(arn);
      return;
    }
    const diagnosis = await diagnoseStoppedTask(task, this.diagnoseContext);
    if (diagnosis.kind === 'pending') return;
    this.settledTasks.add(arn);
    const taskId = taskIdOf(arn);
    const reason = task.stoppedReason ?? '';
    const at = task.stoppingAt?.getTime() ?? this.options.clock.now();
    this.emit({ type: 'task-stopped', at, taskId, reason: describeStop(task, this.target.containerName) });
    if (diagnosis.kind === 'benign') {
      this.stoppedTasks.push({ taskId, reason });
      return;
    }
    this.stoppedTasks.push({ taskId, reason, causeId: diagnosis.cause.id });
    this.record(diagnosis.cause);
  }

  private record(cause: Cause): void {
    this.lastCause = cause;
    if (cause.urgency === 'immediate') {
      this.fatal ??= cause;
      return;
    }
    this.repeatedInARow += 1;
    if (this.repeatedInARow >= (this.options.repeatedFailures ?? DEFAULT_REPEATED_FAILURES)) this.fatal ??= cause;
  }

  /** Running tasks of our deployment, matched to targets by private IP (Fargate target groups are `ip` type). */
  private async readTargetHealth(): Promise<void> {
    const { ecs, elbv2 } = this.clients;
    const { signal } = this.deadline;
    const arns = await listTaskArns(ecs, this.target.cluster, { family: this.target.family }, 'RUNNING', signal);
    const fresh = arns.filter((arn) => !this.runningTaskIps.has(taskIdOf(arn)) && !this.ignoredRunning.has(arn));
    if (fresh.length > 0) {
      for (const task of await describeTasks(ecs, this.target.cluster, fresh, signal)) {
        const ip = taskPrivateIp(task);
        // A task without an address yet is still provisioning: look again next poll.
        if (task.startedBy !== this.target.deploymentId) this.ignoredRunning.add(task.taskArn ?? '');
        else if (ip !== undefined) this.runningTaskIps.set(taskIdOf(task.taskArn ?? ''), ip);
      }
    }
    if (this.runningTaskIps.size === 0) return;
    const { DescribeTargetHealthCommand } = await import('@aws-sdk/client-elastic-load-balancing-v2');
    const response = await namingAction(
      'elasticloadbalancing:DescribeTargetHealth',
      elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: this.target.targetGroupArn }), abortable(signal)),
    );
    for (const [taskId, ip] of this.runningTaskIps) {
      const description = response.TargetHealthDescriptions?.find((d) => d.Target?.Id === ip);
      const health = description?.TargetHealth;
      if (health?.State === undefined || UNINFORMATIVE_TARGET_STATES.has(health.State)) continue;
      const snapshot = { state: health.State, reason: health.Reason, description: health.Description };
      const before = this.targetHealth.get(taskId);
      this.targetHealth.set(taskId, snapshot);
      if (before?.state !== snapshot.state || before?.reason !== snapshot.reason) {
        this.emit({ type: 'target-health', at: this.options.clock.now(), taskId, health: describeHealth(snapshot) });
      }
      if (snapshot.state === 'healthy' && !this.healthyTasks.has(taskId)) {
        // A healthy new task ends a run of health-check failures: the app can pass, the failures were start-up noise.
        this.healthyTasks.add(taskId);
        this.repeatedInARow = 0;
      }
    }
  }

  /**
   * Evidence that is nice to have: a denied call stops the reads that need it with a note naming the missing action,
   * instead of ending the watch.
   */
  private async optional(what: 'tasks' | 'target-health', read: () => Promise<void>): Promise<void> {
    if (this.disabled.has(what)) return;
    try {
      await read();
    } catch (error) {
      if (isTransient(error) || this.deadline.signal.aborted) throw error;
      const action = deniedAction(error);
      // Both reads list and describe tasks: without those actions neither can work.
      const lost: ('tasks' | 'target-health')[] =
        action === 'ecs:ListTasks' || action === 'ecs:DescribeTasks' ? ['tasks', 'target-health'] : [what];
      for (const read of lost) this.disabled.add(read);
      const evidence = lost.map((read) => (read === 'tasks' ? 'stopped-task reasons' : 'target health')).join(' or ');
      const problem =
        action === undefined
          ? `cannot read ${evidence} (${describeAwsError(error)})`
          : `${action} is denied (${(error as { name?: string }).name}): cannot read ${evidence}`;
      this.emit({
        type: 'degraded',
        at: this.options.clock.now(),
        message: `${problem}; watching deployments and events only`,
      });
    }
  }

  private async decide(service: Service, ours: Deployment | undefined): Promise<WatchResult | undefined> {
    const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
    if (primary !== undefined && primary.id !== this.target.deploymentId) {
      // The circuit breaker rolls back "to the last deployment that completed successfully" (Amazon ECS API
      // Reference, DeploymentCircuitBreaker); once that finishes, our FAILED deployment is gone from the list, so
      // what earlier polls and events said about it decides.
      const rolledBack = /circuit breaker/i.test(primary.rolloutStateReason ?? '') || this.oursFailed;
      const revision = revisionOf(primary.taskDefinition);
      if (rolledBack) {
        const cause = (await this.alarmCause(service)) ?? this.fatal ?? this.lastCause ?? this.deploymentCause(ours);
        const summary = message('summary.rolled-back', { revision, cause: cause.messages.title });
        const english = say(DEPLOY, 'en', {
          ...summary,
          params: { ...summary.params, cause: lowerFirst(cause.title) },
        });
        return this.result('rolled-back', summary, { cause, rolledBackTo: primary.taskDefinition ?? '' }, english);
      }
      return this.result(
        'superseded',
        message('summary.superseded', { deploymentId: primary.id ?? 'undefined', revision }),
        { supersededBy: { deploymentId: primary.id ?? '', taskDefinitionArn: primary.taskDefinition ?? '' } },
      );
    }
    if (ours === undefined) return undefined;
    if (ours.rolloutState === 'FAILED') {
      const cause = (await this.alarmCause(service)) ?? this.fatal ?? this.lastCause ?? this.deploymentCause(ours);
      return this.result('failed', cause.messages.title, { cause }, lowerFirst(cause.title));
    }
    if (this.fatal !== undefined) {
      return this.result('failed', this.fatal.messages.title, { cause: this.fatal }, lowerFirst(this.fatal.title));
    }
    if (ours.rolloutState === 'COMPLETED' && ours.runningCount === ours.desiredCount) {
      return this.result(
        'succeeded',
        message('summary.succeeded', {
          taskDefinition: taskDefinitionName(ours.taskDefinition ?? '?'),
          running: String(ours.runningCount),
          desired: String(ours.desiredCount),
        }),
      );
    }
    return undefined;
  }

  /** For a deployment ECS failed on an alarm: which alarm, its condition and CloudWatch's reason. */
  private async alarmCause(service: Service): Promise<Cause | undefined> {
    if (!this.alarmFailed) return undefined;
    const names = service.deploymentConfiguration?.alarms?.alarmNames ?? [];
    return alarmCause(this.clients.cloudwatch, names, this.deadline.signal);
  }

  private deploymentCause(ours: Deployment | undefined): Cause {
    const rolloutStateReason = ours?.rolloutStateReason;
    return { ...causeOf(deploymentFailed, { rolloutStateReason }, 'immediate'), evidence: rolloutStateReason ?? '' };
  }

  private timedOut(): WatchResult {
    const waitingOnMessages = this.waitingOn();
    const waitingOn = waitingOnMessages.map((text) => say(DEPLOY, 'en', text));
    const limit = formatDuration(this.options.timeoutMs);
    return this.result('timed-out', message('summary.timed-out', { limit }), { waitingOn, waitingOnMessages });
  }

  private waitingOn(): CauseText[] {
    const service = this.lastService;
    if (service === undefined) {
      return [
        this.lastError === undefined
          ? message('waiting.describe-services.none')
          : message('waiting.describe-services', { error: this.lastError }),
      ];
    }
    const lines: CauseText[] = [];
    const ours = service.deployments?.find((d) => d.id === this.target.deploymentId);
    // Old tasks stop only once the new ones are up; before that they are not what the rollout waits on.
    const newTasksUp = ours !== undefined && (ours.runningCount ?? 0) >= (ours.desiredCount ?? 0);
    for (const d of service.deployments ?? []) {
      if (d.id === this.target.deploymentId) {
        lines.push(
          message('waiting.deployment', {
            deploymentId: String(d.id),
            revision: String(revisionOf(d.taskDefinition)),
            state: String(d.rolloutState),
            running: d.runningCount ?? 0,
            desired: d.desiredCount ?? 0,
            pending: d.pendingCount ?? 0,
          }),
        );
      } else if (newTasksUp && (d.runningCount ?? 0) > 0) {
        lines.push(
          message('waiting.old-deployment', {
            deploymentId: String(d.id),
            revision: String(revisionOf(d.taskDefinition)),
            running: String(d.runningCount),
          }),
        );
      }
    }
    for (const [taskId, health] of this.targetHealth) {
      if (health.state !== 'healthy')
        lines.push(message('waiting.health-check', { taskId, health: describeHealth(health) }));
    }
    if (this.lastCause !== undefined) {
      lines.push(message('waiting.last-stopped', { title: this.lastCause.messages.title }));
    }
    return lines;
  }

  /** `english` is the summary as --json has always printed it, when it differs from the message in English. */
  private result(
    outcome: Outcome,
    summary: CauseText,
    extra: Partial<WatchResult> = {},
    english = say(DEPLOY, 'en', summary),
  ): WatchResult {
    return {
      outcome,
      summary: english,
      summaryMessage: summary,
      ...extra,
      finishedAt: this.options.clock.now(),
      events: this.events,
      stoppedTasks: this.stoppedTasks,
      retriedErrors: this.retriedErrors,
    };
  }

  private emit(event: ProgressEvent): void {
    this.options.onProgress?.(event);
  }
}

function describeDeployment(d: Deployment, target: WatchTarget): string {
  const who = d.id === target.deploymentId ? 'new' : d.status === 'PRIMARY' ? 'primary' : 'old';
  const state = d.rolloutState ?? d.status ?? '?';
  // Another family (the bootstrap task definition before the first deploy) is named in full.
  const name = d.taskDefinition?.includes(`task-definition/${target.family}:`)
    ? revisionOf(d.taskDefinition)
    : taskDefinitionName(d.taskDefinition ?? '?');
  return `${who} revision ${name} ${state}: ${d.runningCount ?? 0}/${d.desiredCount ?? 0} running, ${d.pendingCount ?? 0} pending${d.failedTasks ? `, ${d.failedTasks} failed` : ''}`;
}

function describeHealth(health: TargetHealthSnapshot): string {
  return health.reason === undefined
    ? health.state
    : `${health.state} (${health.reason}${health.description ? `: ${health.description}` : ''})`;
}

function describeStop(task: Task, containerName: string): string {
  const container = task.containers?.find((c) => c.name === containerName) ?? task.containers?.[0];
  const exit = container?.exitCode === undefined ? '' : ` (exit ${container.exitCode})`;
  const reason = container?.reason && container.reason !== task.stoppedReason ? ` — ${container.reason}` : '';
  return `${task.stoppedReason ?? 'stopped'}${exit}${reason}`;
}

function lowerFirst(text: string): string {
  return text.length > 1 && /^[A-Z][a-z]/.test(text) ? `${text[0]?.toLowerCase()}${text.slice(1)}` : text;
}
