import type { ExistingDockerfile } from './existing-dockerfile.js';
import { detectHealthPath } from './health-path.js';

export interface DetectedDefaults {
  readonly port?: string;
  readonly healthCheckPath?: string;
  readonly architecture?: string;
  /** One line per detected default: the value and where it came from. */
  readonly sources: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Defaults for the container questions from what the project already says: the existing Dockerfile's final stage
 * (EXPOSE, HEALTHCHECK, FROM --platform), then the app's route definitions for the health check path.
 */
export async function detectDefaults(dir: string, dockerfile: ExistingDockerfile): Promise<DetectedDefaults> {
  const sources: string[] = [];
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
    sources.push(`port ${facts.port.value} (from ${at(facts.port.line, facts.port.source)}${others})`);
  }
  if (facts?.architecture !== undefined) {
    result.architecture = facts.architecture.value;
    sources.push(
      `architecture ${facts.architecture.value} (from ${at(facts.architecture.line, facts.architecture.source)})`,
    );
  }
  if (facts?.healthCheckPath !== undefined) {
    result.healthCheckPath = facts.healthCheckPath.value;
    sources.push(
      `health check path ${facts.healthCheckPath.value} (from ${at(facts.healthCheckPath.line, facts.healthCheckPath.source)})`,
    );
  } else {
    const route = await detectHealthPath(dir);
    if (route !== undefined) {
      result.healthCheckPath = route.path;
      sources.push(`health check path ${route.path} (a route in ${route.file})`);
    }
  }
  return { ...result, sources, warnings };
}
