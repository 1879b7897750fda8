import { IMAGE_PLATFORMS } from '../../config/fargate.js';
import { type Docker, DockerError, lastLines } from '../docker.js';
import { type BuiltImage, buildImage, gitRevision, platformProblem } from '../image-build.js';
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
  const problem = await platformProblem(state.engine, platform);
  if (problem !== undefined) throw new StepFailed(`cannot build ${platform} here`, { message: problem });
  const localTag = `hatoba-rehearse/${config.ecr.repository}:latest`;
  const previous = await imageId(docker, localTag, signal);
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
      (text) => state.onActivity({ type: 'output', step: 'build', line: text }),
    );
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    throw new StepFailed('docker build failed', {
      message: `docker build failed${error.exitCode === null ? '' : ` (exit ${error.exitCode})`}.`,
      logs: lastLines(`${error.stdout}\n${error.stderr}`, LOG_LINES).split('\n'),
    });
  }
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
