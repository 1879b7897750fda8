import { z } from 'zod';
import { describeValue } from '../quote.js';

/** A POSIX environment variable name (ECS passes any of these to the container). */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The JSON Schema each {@link variables} map stands for: zod cannot express it (see there), so `json-schema.ts` asks
 * this map.
 */
export const VARIABLES_JSON_SCHEMA = new WeakMap<object, Record<string, unknown>>();

/**
 * A mapping of environment variable names to values, e.g. `ecs.container.environment`. Not `z.record`: zod skips a
 * `__proto__` key without a word, and `__proto__`, `constructor` or `toString` are valid names that must arrive in
 * the task definition like any other. Values must be strings (matching `pattern` when given); a bad value's message
 * never repeats it, because these values are where credentials end up.
 */
export function variables(options: { message: string; pattern?: RegExp }) {
  const { message, pattern } = options;
  const mapping = z.custom<Record<string, string>>(isMapping, {
    error: (issue) => `expected a mapping of NAME: value, got ${describeValue(issue.input)}`,
  });
  const checked = mapping.check((ctx) => {
    for (const [name, value] of Object.entries(ctx.value as Record<string, unknown>)) {
      if (!ENV_NAME.test(name)) {
        ctx.issues.push({
          code: 'custom',
          input: name,
          path: [name],
          message: `${describeValue(name)} is not a valid environment variable name`,
        });
      }
      if (typeof value !== 'string' || (pattern !== undefined && !pattern.test(value))) {
        ctx.issues.push({ code: 'custom', input: undefined, path: [name], message });
      }
    }
  });
  const json = {
    type: 'object',
    propertyNames: { type: 'string', pattern: ENV_NAME.source },
    additionalProperties: pattern === undefined ? { type: 'string' } : { type: 'string', pattern: pattern.source },
  };
  // zod's generator visits the schema a `.check()` was added to as well as the result.
  VARIABLES_JSON_SCHEMA.set(mapping, json);
  VARIABLES_JSON_SCHEMA.set(checked, json);
  // The mapping passes through as parsed: yaml defines every key as an own property, `__proto__` included.
  return checked;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
