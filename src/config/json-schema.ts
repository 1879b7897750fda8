import { z } from 'zod';
import { configSchema } from './schema.js';

export const SCHEMA_ID = 'https://hatoba.dev/schema/hatoba.schema.json';

/** JSON Schema of hatoba.yml as the user writes it (defaults are optional), generated from the zod schema. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, $id: SCHEMA_ID, title: 'hatoba.yml' };
}
