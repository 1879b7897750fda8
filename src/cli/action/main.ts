import { EXIT_USAGE, UserError } from '../../errors.js';
import { clean } from '../../report/output.js';
import { runProcess } from '../main.js';
import { actionArgv } from './inputs.js';

// The GitHub Action's entry (action.yml → action/dist/index.cjs): the action's inputs become a hatoba command line
// and the CLI's own main runs it, so annotations, step summary, outputs and exit codes are those of `hatoba deploy`.
// With arguments (`node action/dist/index.cjs deploy --help`) they are passed through unchanged.
function commandLine(): string[] | undefined {
  const args = process.argv.slice(2);
  if (args.length > 0) return args;
  try {
    return actionArgv(process.env);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    process.stderr.write(`${clean(`error: ${error.message}`)}\n`);
    if (error.hint) process.stderr.write(`${clean(`hint: ${error.hint}`)}\n`);
    return undefined;
  }
}

const args = commandLine();
if (args === undefined) process.exitCode = EXIT_USAGE;
else void runProcess(args);
