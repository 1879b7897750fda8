// The executable as bin/hatoba.js runs it, from the sources: `node --import tsx test/support/hatoba-process.ts …`.
import { runProcess } from '../../src/cli/main.js';

await runProcess(process.argv.slice(2));
