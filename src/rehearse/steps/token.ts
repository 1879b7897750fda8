import { startIssuer } from '../issuer.js';
import type { StepOutcome } from './runner.js';
import type { RehearsalState } from './state.js';

export interface IssuedToken {
  readonly url: string;
  readonly token: string;
}

/** Starts the local OIDC issuer and signs the token GitHub would give the rehearsed job. */
export async function tokenStep(state: RehearsalState): Promise<StepOutcome<IssuedToken>> {
  const { job, clock, cleanup } = state;
  const issuer = await startIssuer({ now: clock.now });
  cleanup.defer('OIDC issuer', () => issuer.close());
  const token = await issuer.issue(job.claims);
  const { claims } = job;
  return {
    value: { url: issuer.url, token },
    summary: `RS256 token from ${issuer.url}: sub ${claims.sub}, aud ${claims.aud}`,
    details: {
      issuer: issuer.url,
      sub: claims.sub,
      aud: claims.aud,
      event: claims.event_name,
      ref: claims.ref,
      environment: claims.environment ?? null,
    },
  };
}
