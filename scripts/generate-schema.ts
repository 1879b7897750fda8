// Regenerates schema/hatoba.schema.json and docs/configuration.md from the zod schema; a test fails when either
// checked-in copy is stale.
import { configJsonSchema } from '../src/config/json-schema.js';
import { configReferenceMarkdown } from '../src/config/reference.js';
import { writeFileAtomic } from '../src/fs/write-atomic.js';

const schema = new URL('../schema/hatoba.schema.json', import.meta.url).pathname;
const reference = new URL('../docs/configuration.md', import.meta.url).pathname;
await writeFileAtomic(schema, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
await writeFileAtomic(reference, configReferenceMarkdown());
console.log(`wrote ${schema}\nwrote ${reference}`);
