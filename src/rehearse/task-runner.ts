import type { ContainerDefinition, RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { IMAGE_PLATFORMS } from '../config/fargate.js';
import { type Docker, DockerError, lastLines } from './docker.js';
import { publishedPort } from './ports.js';

/**
 * Runs a rendered task definition on the local Docker Engine the way Fargate runs it: the essential container with
 * its image (by digest), environment, user, read-only root filesystem with writable task volumes, cpu and memory
 * limits and stop timeout, in its own network. What cannot be reproduced locally is listed in `notes`.
 */

/** Fargate's stop timeout when the task definition sets none. */
const FARGATE_DEFAULT_STOP_TIMEOUT = 30;

/** Secret values are never fetched; the container gets this instead, so code that requires the variable still starts. */
export const SECRET_PLACEHOLDER = 'hatoba-rehearse-placeholder';

export interface TaskRunPlan {
  /** Arguments after `docker`. */
  readonly args: readonly string[];
  /** Values of the `--env NAME` arguments, passed through the docker CLI's environment so they stay out of `ps`. */
  readonly env: Readonly<Record<string, string>>;
  readonly containerName: string;
  readonly containerPort: number;
  readonly stopTimeoutSeconds: number;
  readonly cpus: number | undefined;
  readonly memoryMiB: number | undefined;
  /** What differs from Fargate, in words (placeholders for secrets, logs kept locally, …). */
  readonly notes: readonly string[];
}

export interface PlanOptions {
  /** Docker container name. */
  readonly name: string;
  readonly network: string;
  readonly labels: Readonly<Record<string, string>>;
}

export function planTaskRun(taskDefinition: RegisterTaskDefinitionCommandInput, options: PlanOptions): TaskRunPlan {
  const container = essentialContainer(taskDefinition);
  const notes: string[] = [];
  const args = ['run', '--detach', '--pull', 'never', '--name', options.name, '--network', options.network];
  for (const [key, value] of Object.entries(options.labels)) args.push('--label', `${key}=${value}`);

  const architecture = taskDefinition.runtimePlatform?.cpuArchitecture;
  if (architecture === 'X86_64' || architecture === 'ARM64') args.push('--platform', IMAGE_PLATFORMS[architecture]);

  const port = container.portMappings?.find((mapping) => mapping.containerPort !== undefined);
  if (port?.containerPort === undefined) {
    throw new Error(`container ${container.name} has no port mapping: nothing for a load balancer to reach`);
  }
  args.push('--publish', `127.0.0.1::${port.containerPort}/${port.protocol ?? 'tcp'}`);

  const env: Record<string, string> = {};
  for (const { name, value } of container.environment ?? []) {
    if (name === undefined) continue;
    env[name] = value ?? '';
    args.push('--env', name);
  }
  const secrets = (container.secrets ?? []).flatMap(({ name }) => (name === undefined ? [] : [name]));
  for (const name of secrets) {
    env[name] = SECRET_PLACEHOLDER;
    args.push('--env', name);
  }
  if (secrets.length > 0) {
    const verb = secrets.length === 1 ? 'holds' : 'hold';
    notes.push(`secrets are not fetched: ${secrets.join(', ')} ${verb} the placeholder "${SECRET_PLACEHOLDER}"`);
  }

  if (container.user !== undefined) args.push('--user', container.user);
  if (container.readonlyRootFilesystem) args.push('--read-only');
  for (const mount of container.mountPoints ?? []) {
    const volume = taskDefinition.volumes?.find((v) => v.name === mount.sourceVolume);
    if (mount.containerPath === undefined) continue;
    if (volume && !volume.host && !volume.efsVolumeConfiguration && !volume.dockerVolumeConfiguration) {
      // A task volume without a source is Fargate ephemeral storage: empty, writable, gone with the task.
      args.push('--tmpfs', `${mount.containerPath}:rw,nosuid,nodev,mode=1777`);
    } else {
      notes.push(`volume ${mount.sourceVolume} at ${mount.containerPath} is not mounted (only task-local volumes are)`);
    }
  }

  const cpus = cpuLimit(taskDefinition, container);
  if (cpus !== undefined) args.push('--cpus', String(cpus));
  const memoryMiB = container.memory ?? numberOf(taskDefinition.memory);
  if (memoryMiB !== undefined) {
    // Fargate tasks have no swap: the limit is the memory itself.
    args.push('--memory', `${memoryMiB}m`, '--memory-swap', `${memoryMiB}m`);
  }
  if (container.memoryReservation !== undefined) args.push('--memory-reservation', `${container.memoryReservation}m`);

  const stopTimeoutSeconds = container.stopTimeout ?? FARGATE_DEFAULT_STOP_TIMEOUT;
  args.push('--stop-timeout', String(stopTimeoutSeconds));
  if (container.linuxParameters?.initProcessEnabled) args.push('--init');
  if (container.workingDirectory !== undefined) args.push('--workdir', container.workingDirectory);
  const [entryPoint, ...entryArgs] = container.entryPoint ?? [];
  if (entryPoint !== undefined) args.push('--entrypoint', entryPoint);
  if (container.logConfiguration) {
    notes.push(`logs stay in Docker (${container.logConfiguration.logDriver ?? 'the log driver'} is not used locally)`);
  }
  if (container.healthCheck) notes.push('the container health check is not rehearsed; the load balancer check is');

  if (container.image === undefined) throw new Error(`container ${container.name} has no image`);
  args.push(container.image, ...entryArgs, ...(container.command ?? []));

  return {
    args,
    env,
    containerName: options.name,
    containerPort: port.containerPort,
    stopTimeoutSeconds,
    cpus,
    memoryMiB,
    notes,
  };
}

function essentialContainer(taskDefinition: RegisterTaskDefinitionCommandInput): ContainerDefinition {
  const containers = taskDefinition.containerDefinitions ?? [];
  const container = containers.find((c) => c.essential !== false && (c.portMappings?.length ?? 0) > 0) ?? containers[0];
  if (container === undefined) throw new Error('the task definition has no container');
  return container;
}

/** Task cpu units → CPUs (1024 units = 1 vCPU); a container-level value narrows it. */
function cpuLimit(
  taskDefinition: RegisterTaskDefinitionCommandInput,
  container: ContainerDefinition,
): number | undefined {
  const units = container.cpu || numberOf(taskDefinition.cpu);
  return units === undefined ? undefined : units / 1024;
}

function numberOf(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

export interface StartedTask {
  readonly name: string;
  /** `127.0.0.1:NNNNN`, published for the container port. */
  readonly address: string;
}

export async function startTask(docker: Docker, plan: TaskRunPlan, signal?: AbortSignal): Promise<StartedTask> {
  await docker.run(plan.args, { signal, env: plan.env });
  return {
    name: plan.containerName,
    address: await publishedPort(docker, plan.containerName, plan.containerPort, signal),
  };
}

export interface ContainerState {
  readonly running: boolean;
  readonly exitCode: number;
  readonly oomKilled: boolean;
  /** The engine's own error, e.g. an exec format error or a missing entrypoint. */
  readonly error: string;
}

export async function containerState(docker: Docker, name: string, signal?: AbortSignal): Promise<ContainerState> {
  const { stdout } = await docker.run(['inspect', '--format', '{{json .State}}', name], { signal });
  const state = JSON.parse(stdout) as { Running: boolean; ExitCode: number; OOMKilled: boolean; Error: string };
  return { running: state.Running, exitCode: state.ExitCode, oomKilled: state.OOMKilled, error: state.Error };
}

/** The container's last log lines (stdout and stderr interleaved), for a diagnosis. */
export async function logTail(docker: Docker, name: string, lines: number): Promise<string[]> {
  try {
    const { stdout, stderr } = await docker.run(['logs', '--tail', String(lines), name]);
    const text = lastLines(`${stdout}${stderr}`, lines);
    return text === '' ? [] : text.split('\n');
  } catch (error) {
    if (error instanceof DockerError) return [];
    throw error;
  }
}

export interface StopResult {
  readonly seconds: number;
  readonly exitCode: number;
  /** It did not exit on SIGTERM within the stop timeout and was killed. */
  readonly killed: boolean;
}

/** SIGTERM, then SIGKILL after the stop timeout: what ECS does to the old task in a rolling deploy. */
export async function stopTask(
  docker: Docker,
  plan: TaskRunPlan,
  now: () => number = Date.now,
  signal?: AbortSignal,
): Promise<StopResult> {
  const started = now();
  await docker.run(['stop', '--time', String(plan.stopTimeoutSeconds), plan.containerName], { signal });
  const seconds = (now() - started) / 1000;
  const state = await containerState(docker, plan.containerName, signal);
  // 137 = 128 + SIGKILL. Reaching the timeout is what tells a kill by `docker stop` from a kill by the OOM killer.
  const killed = state.exitCode === 137 && !state.oomKilled && seconds >= plan.stopTimeoutSeconds - 0.5;
  return { seconds, exitCode: state.exitCode, killed };
}
