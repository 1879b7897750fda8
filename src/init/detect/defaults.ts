import type { ExistingDockerfile } from './existing-dockerfile.js';
import { detectHealthPath } from './health-path.js';

/** hatoba.yml's own default for ecs.container.healthCheckPath. */
export const DEFAULT_HEALTH_CHECK_PATH = '/healthz';

export interface DetectedDefaults {
  readonly port?: string;
  readonly healthCheckPath?: string;
  readonly architecture?: string;
  /** One line per default: the value and where it came from (or that nothing was found). */
  readonly sources: readonly { readonly key: 'port' | 'healthCheckPath' | 'architecture'; readonly text: string }[];
  readonly warnings: readonly string[];
}

/**
 * Defaults for the container questions from what the project already says: the existing Dockerfile's final stage
 * (EXPOSE, HEALTHCHECK, FROM --platform), then the app's route definitions for the health check path.
 */
export async function detectDefaults(dir: string, dockerfile: ExistingDockerfile): Promise<DetectedDefaults> {
  const sources: { key: 'port' | 'healthCheckPath' | 'architecture'; text: string }[] = [];
  const warnings: string[] = [];
  const result: { port?: string; healthCheckPath?: string; architecture?: string } = {};
  if (dockerfile !== undefined && 'problem' in dockerfile) {
    warnings.push(
      `${dockerfile.display} was not read (${dockerfile.problem}); its EXPOSE, HEALTHCHECK and platform are not used as defaults`,
    );
  }
  const facts = dockerfile !== undefined && 'facts' in dockerfile ? dockerfile.facts : undefined;
  const at = (line: number, source: string) => `${dockerfile?.display} line ${line}: ${source}`;
  if (facts?.port !== undefined) {
    result.port = String(facts.port.value);
    const others = facts.ports.length > 1 ? `; it also exposes ${facts.ports.slice(1).join(', ')}` : '';
    sources.push({
      key: 'port',
      text: `port ${facts.port.value} (from ${at(facts.port.line, facts.port.source)}${others})`,
    });
  }
  if (facts?.architecture !== undefined) {
    result.architecture = facts.architecture.value;
    sources.push({
      key: 'architecture',
      text: `architecture ${facts.architecture.value} (from ${at(facts.architecture.line, facts.architecture.source)})`,
    });
  }
  if (facts?.healthCheckPath !== undefined) {
    result.healthCheckPath = facts.healthCheckPath.value;
    sources.push({
      key: 'healthCheckPath',
      text: `health check path ${facts.healthCheckPath.value} (from ${at(facts.healthCheckPath.line, facts.healthCheckPath.source)})`,
    });
  } else {
    const route = await detectHealthPath(dir);
    if (route !== undefined) {
      result.healthCheckPath = route.path;
      sources.push({ key: 'healthCheckPath', text: `health check path ${route.path} (a route in ${route.file})` });
    } else {
      sources.push({
        key: 'healthCheckPath',
        text: `health check path ${DEFAULT_HEALTH_CHECK_PATH} (the default: no HEALTHCHECK URL or /health-style route found; make the app answer it, or pass --health-check-path)`,
      });
    }
  }
  return { ...result, sources, warnings };
}
