/** The error's IAM action, attached where the call was made (see `namingAction`). */
const ACTION = Symbol('hatoba.action');

/**
 * Runs one AWS call and, when it fails, remembers which IAM action it needed, so a denial can name it even when the
 * message does not.
 */
export async function namingAction<T>(action: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (typeof error === 'object' && error !== null && !(ACTION in error)) {
      Object.defineProperty(error, ACTION, { value: action });
    }
    throw error;
  }
}

/**
 * The action a denied call lacked: the one the message names (`… is not authorized to perform: ecs:ListTasks on
 * resource …`), else the one its call site recorded. Undefined when the error is not a denial.
 */
export function deniedAction(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, message } = error as { name?: string; message?: string };
  if (!/AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(name ?? '')) return undefined;
  const named = /not authorized to perform: ([\w-]+:\w+)/.exec(message ?? '')?.[1];
  return named ?? (error as { [ACTION]?: string })[ACTION] ?? 'an action the deploy role lacks';
}

/**
 * `send` options that cancel the call, the SDK's retries and back-off included, when the signal fires (the watch's
 * deadline or Ctrl-C).
 */
export function abortable(signal: AbortSignal | undefined): { abortSignal?: AbortSignal } {
  return signal === undefined ? {} : { abortSignal: signal };
}
