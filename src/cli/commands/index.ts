import type { CommandSpec } from '../command.js';
import config from './config.js';
import deploy from './deploy.js';
import diff from './diff.js';
import doctor from './doctor.js';
import down from './down.js';
import explain from './explain.js';
import init from './init.js';
import lint from './lint.js';
import logs from './logs.js';
import policy from './policy.js';
import rehearse from './rehearse.js';
import rollback from './rollback.js';
import run from './run.js';
import status from './status.js';
import synth from './synth.js';
import up from './up.js';

/**
 * Every command, in the order `hatoba --help` lists them. Command files stay light: they declare options and
 * import their implementation lazily inside `run`.
 */
export const commands: readonly CommandSpec<never>[] = [
  init,
  config,
  policy,
  synth,
  diff,
  up,
  down,
  deploy,
  rollback,
  run,
  status,
  logs,
  lint,
  explain,
  doctor,
  rehearse,
];
