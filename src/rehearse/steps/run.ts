import { renderTaskDefinition } from '../../deploy/render.js';
import { impliedServiceOutputs } from '../../infra/read-outputs.js';
import { resourceNames } from '../../naming.js';
import type { PushResult } from '../image-push.js';
import { planTaskRun, type StartedTask, startTask, type TaskRunPlan } from '../task-runner.js';
import type { StepOutcome } from './runner.js';
import { REHEARSE_LABEL, type RehearsalState } from './state.js';

export interface RunningTask {
  readonly plan: TaskRunPlan;
  readonly task: StartedTask;
}

/** Runs the pushed image as the task definition deploy would register says: user, limits, environment, network. */
export async function runStep(state: RehearsalState, pushed: PushResult): Promise<StepOutcome<RunningTask>> {
  const { config, docker, signal, cleanup, prefix } = state;
  const network = `${prefix}-net`;
  cleanup.defer('network', () => docker.remove(['network', 'rm', network]));
  await docker.run(['network', 'create', '--label', `${REHEARSE_LABEL}=${state.runId}`, network], { signal });
  const taskDefinition = renderTaskDefinition(config, {
    image: pushed.imageByDigest,
    outputs: impliedServiceOutputs(config),
  });
  const containerName = resourceNames(config).containerName;
  const plan = planTaskRun(taskDefinition, { name: `${prefix}-${containerName}`, network, labels: state.labels });
  cleanup.defer('task container', () => docker.remove(['rm', '--force', '--volumes', plan.containerName]));
  const task = await startTask(docker, plan, signal);
  state.notes.push(...plan.notes);
  const container = taskDefinition.containerDefinitions?.[0];
  return {
    value: { plan, task },
    summary:
      `${task.address} → port ${plan.containerPort}, user ${container?.user ?? 'from the image'}, ` +
      `${container?.readonlyRootFilesystem ? 'read-only root, ' : ''}${plan.cpus ?? '?'} vCPU, ${plan.memoryMiB ?? '?'} MiB`,
    details: {
      container: plan.containerName,
      network,
      address: task.address,
      containerPort: plan.containerPort,
      user: container?.user ?? null,
      readonlyRootFilesystem: container?.readonlyRootFilesystem ?? false,
      cpus: plan.cpus ?? null,
      memoryMiB: plan.memoryMiB ?? null,
      stopTimeoutSeconds: plan.stopTimeoutSeconds,
      environment: Object.keys(plan.env),
    },
  };
}
