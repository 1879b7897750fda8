import type { Clock } from '../../clock.js';
import type { LoadedConfig } from '../../config/load.js';
import type { HatobaConfig } from '../../config/resolve.js';
import type { TrustInput } from '../../iam/trust-input.js';
import type { Cleanup } from '../cleanup.js';
import type { Docker } from '../docker.js';
import type { StepActivity } from '../report.js';
import type { RehearsedJob } from '../trigger.js';

/** What every step of one rehearsal shares: the inputs, the engine, and where to defer the removal of what it starts. */
export interface RehearsalState {
  readonly loaded: LoadedConfig;
  readonly config: HatobaConfig;
  readonly job: RehearsedJob;
  readonly trust: TrustInput;
  /** The build context and Dockerfile. */
  readonly paths: { readonly context: string; readonly dockerfile: string };
  /** The engine's CPU architecture (`amd64`, `arm64`). */
  readonly engine: string;
  readonly docker: Docker;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly noCache: boolean;
  readonly keepRegistryData: boolean;
  readonly healthTimeoutSeconds: number;
  readonly registryImage: string;
  /** Names every container, network and volume of this run (`hatoba-rehearse-RUN_ID-…`). */
  readonly runId: string;
  readonly prefix: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Everything a step starts is deferred here first, so it is removed on success, failure and Ctrl-C. */
  readonly cleanup: Cleanup;
  /** Where the rehearsal differs from AWS. */
  readonly notes: string[];
  /** What a running step reports (output lines, counts); a no-op when nobody watches. */
  readonly onActivity: (activity: StepActivity) => void;
}

/** Labels every container, network and volume a rehearsal creates, with its run id. */
export const REHEARSE_LABEL = 'io.hatoba.rehearse';

/** Log lines a diagnosis shows. */
export const LOG_LINES = 20;
