import { parseConfigText } from '../../src/config/load.js';
import type { HatobaConfig } from '../../src/config/resolve.js';
import { liveAppName, liveConfigText } from '../live/config.js';
import { HELLO_SERVICE_DIR } from '../support/example.js';

/** The configuration a live run writes, for a fixed app id: what the offline tests of the live suite check. */
export function sampleLiveConfig(): HatobaConfig {
  return parseConfigText(
    liveConfigText({
      app: liveAppName('0a1b2c3d'),
      account: '210987654321',
      region: 'us-east-1',
      architecture: 'X86_64',
      buildContext: HELLO_SERVICE_DIR,
    }),
    { cwd: '/', env: {}, path: '/live/hatoba.yml' },
  ).config;
}
