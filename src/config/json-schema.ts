import { z } from 'zod';
import { version } from '../version.js';
import { configSchema } from './schema.js';
import { VARIABLES_JSON_SCHEMA } from './variables.js';

/** Where editors fetch the schema: the copy inside the published package of this version. */
export const SCHEMA_ID = `https://unpkg.com/hatoba@${version()}/schema/hatoba.schema.json`;

/** JSON Schema of hatoba.yml as the user writes it (defaults are optional), generated from the zod schema. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, {
    io: 'input',
    target: 'draft-2020-12',
    // The environment-variable maps are zod custom types (see variables.ts); each says what it stands for.
    unrepresentable: ({ zodSchema, message }) => {
      const standIn = VARIABLES_JSON_SCHEMA.get(zodSchema);
      if (standIn === undefined) throw new Error(message);
      return standIn;
    },
  }) as Record<string, unknown>;
  return { ...schema, $id: SCHEMA_ID, title: 'hatoba.yml' };
}
