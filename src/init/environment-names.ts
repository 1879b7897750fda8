import { keyProblem } from '../config/field.js';
import { UserError } from '../errors.js';

/**
 * `init --environments staging,production`: the names in promotion order, each checked with the schema's own rule
 * for `environments` keys. Anything wrong is a usage error naming the flag.
 */
export function parseEnvironmentNames(flag: string): string[] {
  const names = flag
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const fix = 'Pass lowercase names separated by commas, in promotion order, e.g. --environments staging,production';
  if (names.length === 0) throw new UserError('--environments: give at least one environment name', fix);
  for (const name of names) {
    const problem = keyProblem(['environments'], name);
    if (problem !== undefined) throw new UserError(`--environments: ${problem}`, fix);
  }
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) throw new UserError(`--environments: ${repeated} is named twice`, fix);
  return names;
}
