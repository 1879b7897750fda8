import { IMAGE_PLATFORMS } from '../../config/fargate.js';
import { readRegularFile } from '../../fs/read-input.js';
import {
  printedImageIds,
  removeBuildLeftovers,
  removeStepContainers,
  unfinishedStepContainers,
} from '../build-leftovers.js';
import { type Docker, DockerError, lastLines } from '../docker.js';
import { type BuiltImage, buildImage, gitRevision } from '../image-build.js';
import { pullFailure } from '../pull-failure.js';
import { formatBytes } from './format.js';
import { StepFailed, type StepOutcome } from './runner.js';
import { LOG_LINES, type RehearsalState } from './state.js';

export interface BuildResult {
  readonly image: BuiltImage;
  /** The tag the registry gets: the git revision, or `rehearse-RUN_ID` outside a checkout. */
  readonly tag: string;
}

/** Builds the image for the task's platform, as the workflow's build step does. */
export async function buildStep(state: RehearsalState): Promise<StepOutcome<BuildResult>> {
  const { config, docker, signal } = state;
  const platform = IMAGE_PLATFORMS[config.ecs.architecture];
  const revision = await gitRevision(state.loaded.dir, state.env);
  const tag = revision.sha === 'unversioned' ? `rehearse-${state.runId}` : revision.sha;
  const localTag = `hatoba-rehearse/${config.ecr.repository}:latest`;
  const previous = await imageId(docker, localTag, signal);
  // Stage images the build leaves unnamed go at cleanup, after success, failure or Ctrl-C alike.
  const printed: string[] = [];
  let output = '';
  let keep: string | undefined;
  state.cleanup.defer('build stage images', async () => {
    await removeStepContainers(docker, unfinishedStepContainers(output));
    return removeBuildLeftovers(docker, printed, keep);
  });
  let image: BuiltImage;
  try {
    image = await buildImage(
      docker,
      {
        ...state.paths,
        tag: localTag,
        platform,
        revision: revision.sha,
        source: `https://github.com/${config.github.repository}`,
        noCache: state.noCache,
      },
      signal,
      (text) => {
        // Recorded as they come: on Ctrl-C the docker CLI is killed and its collected output never arrives.
        output += `${text}\n`;
        for (const id of printedImageIds(text)) if (!printed.includes(id)) printed.push(id);
        state.onActivity({ type: 'output', step: 'build', line: text });
      },
    );
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    const logs = lastLines(`${error.stdout}\n${error.stderr}`, LOG_LINES).split('\n');
    const dockerfile = await readRegularFile(state.paths.dockerfile, { label: 'build.dockerfile' })
      .then((bytes) => bytes.toString('utf8'))
      .catch(() => '');
    const pull = pullFailure(`${error.stdout}\n${error.stderr}`, dockerfile);
    if (pull !== undefined) {
      throw new StepFailed(`cannot pull the base image ${pull.image}`, {
        message: pull.message,
        hints: pull.hints,
        logs,
      });
    }
    throw new StepFailed('docker build failed', {
      message: `docker build failed${error.exitCode === null ? '' : ` (exit ${error.exitCode})`}.`,
      logs,
    });
  }
  keep = image.id;
  // The image this tag held before is now dangling; its layers still shared with the new one stay.
  if (previous !== undefined && previous !== image.id) await docker.remove(['image', 'rm', previous]).catch(() => {});
  const version =
    revision.sha === 'unversioned'
      ? 'not in a git checkout'
      : `revision ${revision.sha.slice(0, 12)}${revision.dirty ? ' + uncommitted changes' : ''}`;
  return {
    value: { image, tag },
    summary: `${platform}, ${formatBytes(image.sizeBytes)}, ${version}`,
    details: {
      tag: localTag,
      imageId: image.id,
      platform,
      sizeBytes: image.sizeBytes,
      revision: revision.sha,
      uncommittedChanges: revision.dirty,
      noCache: state.noCache,
    },
  };
}

async function imageId(docker: Docker, reference: string, signal: AbortSignal): Promise<string | undefined> {
  try {
    return (await docker.run(['image', 'inspect', '--format', '{{.Id}}', reference], { signal })).stdout.trim();
  } catch (error) {
    if (error instanceof DockerError) return undefined;
    throw error;
  }
}
