/**
 * The build arguments hatoba passes to every image build, in the workflow and in `rehearse` alike; Dockerfiles that
 * `init` writes turn them into the org.opencontainers.image.revision and .source labels.
 */
export function buildArgs(revision: string, sourceUrl: string): string[] {
  return [`GIT_SHA=${revision}`, `SOURCE_URL=${sourceUrl}`];
}
