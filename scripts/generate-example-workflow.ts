// Regenerates examples/hello-service/.github/workflows/deploy.yml from its hatoba.yml (a test fails when stale).

import { readFile } from 'node:fs/promises';
import { parseConfigText } from '../src/config/load.js';
import { writeFileAtomic } from '../src/fs/write-atomic.js';
import { generateWorkflows } from '../src/github/workflow/generate.js';
import { version } from '../src/version.js';

const dir = new URL('../examples/hello-service/', import.meta.url);
const path = new URL('hatoba.yml', dir).pathname;
const { config } = parseConfigText(await readFile(path, 'utf8'), { cwd: dir.pathname, env: {}, path });
for (const workflow of generateWorkflows(config, { hatobaVersion: version() })) {
  const target = new URL(workflow.path, dir).pathname;
  await writeFileAtomic(target, workflow.content);
  console.log(`wrote ${target}`);
}
