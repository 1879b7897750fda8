import { message, say } from '../../i18n/message.js';
import { REHEARSE } from '../../i18n/messages/rehearse.js';
import { TokenRejected, verifyLikeSts } from '../token-verify.js';
import { checkTrust } from '../trust-check.js';
import { StepFailed, type StepOutcome } from './runner.js';
import type { RehearsalState } from './state.js';
import type { IssuedToken } from './token.js';

/** Verifies the token as STS would, then evaluates the trust policy against its claims. */
export async function trustStep(state: RehearsalState, issued: IssuedToken): Promise<StepOutcome<undefined>> {
  const { config, job, clock, signal } = state;
  try {
    await verifyLikeSts(
      issued.token,
      { url: issued.url, clientIds: [config.github.audience] },
      { now: clock.now, signal },
    );
  } catch (error) {
    if (!(error instanceof TokenRejected)) throw error;
    const messageText = message('trust.rejected', { reason: error.message });
    throw new StepFailed(error.code, { message: say(REHEARSE, 'en', messageText), messageText });
  }
  const explanation = await checkTrust(issued.token, job.description, config, state.trust);
  const source = state.trust.trust.source;
  if (explanation.verdict === 'denied') {
    const first = explanation.failures[0];
    const claim = first?.key.split(':').at(-1);
    const messageText = first
      ? message('trust.denied', { sub: job.claims.sub, operator: first.operator, key: first.key })
      : message('trust.denied.no-statement', { sub: job.claims.sub });
    throw new StepFailed(`denied: ${claim ? `the token's ${claim} is not trusted` : 'no statement allows it'}`, {
      message: say(REHEARSE, 'en', messageText),
      messageText,
      hints: explanation.hints,
      explanation,
      trustPolicy: source,
    });
  }
  return {
    value: undefined,
    summary: `signature, iss, aud and exp valid; ${roleName(explanation.roleArn)} trusts this sub`,
    details: { trustPolicy: source, roleArn: explanation.roleArn, sub: job.claims.sub, aud: job.claims.aud },
  };
}

/** `role web-github-deploy`, or `the trust policy` when no role is known. */
function roleName(roleArn: string | null): string {
  return roleArn === null ? 'the trust policy' : `role ${roleArn.replace(/^.*:role\//, '')}`;
}
