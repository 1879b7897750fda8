import type { z } from 'zod';
import { configSchema } from './schema.js';

/** Looks through `.default()`/`.optional()` wrappers to the schema inside. */
function unwrap(schema: z.ZodType): z.ZodType {
  let at = schema as z.ZodType & { def: { innerType?: z.ZodType } };
  while (at.def.innerType !== undefined) at = at.def.innerType as typeof at;
  return at;
}

/**
 * The schema hatoba.yml validates `path` with (e.g. ['aws', 'account']), so one value can be checked on its own with
 * the very rules of the whole file. Rules that relate two keys still apply only when the whole file is validated.
 */
export function fieldSchema(path: readonly string[]): z.ZodType {
  let schema: z.ZodType = configSchema;
  for (const key of path) {
    const shape = (unwrap(schema) as z.ZodType & { shape?: Record<string, z.ZodType> }).shape;
    const next = shape?.[key];
    if (next === undefined) throw new Error(`hatoba.yml has no key ${path.join('.')}`);
    schema = next;
  }
  return schema;
}

/** Why `value` is not valid at `path`, in the words hatoba config validate uses; undefined when it is valid. */
export function fieldProblem(path: readonly string[], value: unknown): string | undefined {
  const result = fieldSchema(path).safeParse(value);
  if (result.success) return undefined;
  return result.error.issues.map((issue) => issue.message).join('; ');
}

/** Why `key` is not a valid key of the map at `path` (e.g. ['environments']); undefined when it is valid. */
export function keyProblem(path: readonly string[], key: string): string | undefined {
  const map = unwrap(fieldSchema(path)) as z.ZodType & { def: { keyType?: z.ZodType } };
  const keyType = map.def.keyType;
  if (keyType === undefined) throw new Error(`hatoba.yml's ${path.join('.')} is not a map`);
  const result = keyType.safeParse(key);
  return result.success ? undefined : result.error.issues.map((issue) => issue.message).join('; ');
}
