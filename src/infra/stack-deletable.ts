import { UserError } from '../errors.js';
import { isInProgress } from './stack-state.js';

/**
 * Refuses to delete a stack another operation is changing. Stack status codes (CloudFormation User Guide): every
 * *_IN_PROGRESS status means an operation runs — CREATE, UPDATE, ROLLBACK, UPDATE_ROLLBACK, the two *_CLEANUP phases,
 * IMPORT and IMPORT_ROLLBACK. Two are not refused: DELETE_IN_PROGRESS is the deletion `down` wants (it follows it),
 * and REVIEW_IN_PROGRESS is a stack that only holds an unexecuted change set (no resources). UPDATE_ROLLBACK_FAILED
 * needs ContinueUpdateRollback first, which is for a person to decide: it may need a resource fixed by hand.
 */
export function refuseDeletion(stackName: string, status: string): void {
  if (isInProgress(status) && status !== 'DELETE_IN_PROGRESS' && status !== 'REVIEW_IN_PROGRESS') {
    throw new UserError(
      `Stack ${stackName} is ${status}: another operation is changing it, so hatoba down deletes nothing`,
      `Wait until it ends (aws cloudformation describe-stacks --stack-name ${stackName}), then run hatoba down again.`,
    );
  }
  if (status === 'UPDATE_ROLLBACK_FAILED') {
    throw new UserError(
      `Stack ${stackName} is UPDATE_ROLLBACK_FAILED: its last update could not be rolled back, so hatoba down deletes nothing`,
      `Fix the resource named in its events, then: aws cloudformation continue-update-rollback --stack-name ${stackName} ` +
        '(or skip it with --resources-to-skip <logical id>); once it is UPDATE_ROLLBACK_COMPLETE, run hatoba down again.',
    );
  }
}
