// Regenerates schema/hatoba.schema.json from the zod schema (a test fails when the checked-in copy is stale).

import { configJsonSchema } from '../src/config/json-schema.js';
import { writeFileAtomic } from '../src/fs/write-atomic.js';

const target = new URL('../schema/hatoba.schema.json', import.meta.url);
await writeFileAtomic(target.pathname, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
