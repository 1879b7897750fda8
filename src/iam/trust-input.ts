import type { LoadedConfig } from '../config/load.js';
import { displayPath } from '../fs/display-path.js';
import { readInput, withFlag } from '../fs/read-input.js';
import { resourceArns } from '../naming.js';
import type { ExplainPolicy } from './explain.js';
import { normalizePolicy, parsePolicyText } from './policy.js';
import { trustPolicy } from './trust.js';
import { trustRisks } from './trust-risks.js';

/** The trust policy a check runs against: a file the user gives, or the one hatoba generates from hatoba.yml. */

export interface TrustInput {
  readonly trust: ExplainPolicy;
  /** Problems of the policy worth reading even when it allows (duplicate keys, over-broad trust). */
  readonly warnings: string[];
}

/** `--trust-policy FILE` (a policy document or `aws iam get-role` output; `-` reads stdin). */
export async function trustPolicyFromFile(path: string, cwd: string): Promise<TrustInput> {
  const text = (await readInput(path, '--trust-policy', cwd)).toString('utf8');
  const source = path === '-' ? '--trust-policy (stdin)' : path;
  const { policy, warnings } = withFlag('--trust-policy', () => parsePolicyText(text, source));
  const messages = [...warnings.map((warning) => warning.message), ...trustRisks(policy)];
  return { trust: { policy, source }, warnings: messages.map((message) => `${source}: ${message}`) };
}

/** The deploy role's trust policy as `hatoba up` would create it; messages name hatoba.yml relative to `cwd`. */
export function generatedTrustPolicy(loaded: LoadedConfig, cwd: string): TrustInput {
  const generated = trustPolicy(loaded.config);
  const source = `the trust policy generated from ${displayPath(cwd, loaded.path)}`;
  const policy = normalizePolicy(generated.document, source);
  // The owner-wide opt-in already has its own warning from the generator.
  const risks = trustRisks(policy, { ownerWideOptIn: loaded.config.github.trustAllRepositoriesOfOwner });
  return {
    trust: { policy, source, roleArn: resourceArns(loaded.config).deployRole },
    warnings: [...generated.warnings, ...risks.map((risk) => `${source}: ${risk}`)],
  };
}
