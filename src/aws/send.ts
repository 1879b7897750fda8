import { ENDPOINT_TIMEOUT } from './errors.js';

export interface SendGuard {
  /** The command's interrupt signal (Ctrl-C), applied to every call. */
  readonly signal?: AbortSignal | undefined;
  /** Budget for one call, all attempts included. */
  readonly timeoutMs: number;
}

interface SendOptions {
  abortSignal?: AbortSignal;
  [key: string]: unknown;
}

type Send = (command: unknown, options?: SendOptions) => Promise<unknown>;

/**
 * Makes every `client.send(command, options?)` abortable by the guard's signal and bounded by its time budget, and
 * names the operation on any error ("ECS ListTasks") so messages can say which call failed. A signal a caller passes
 * (`send(command, { abortSignal })`, as the deploy watcher does) still works: all signals apply. The call rejects as
 * soon as a signal fires, even while the SDK is still resolving credentials.
 */
export function guardSend<Client extends object>(client: Client, guard: SendGuard): Client {
  // Looked up per call, not bound once: test doubles (aws-sdk-client-mock) replace the prototype's send.
  const prototypeSend = () => (Object.getPrototypeOf(client) as { send: Send }).send;
  const send: Send = async (command, options = {}) => {
    const budget = AbortSignal.timeout(guard.timeoutMs);
    const signals = [budget, guard.signal, options.abortSignal].filter((s): s is AbortSignal => s !== undefined);
    const signal = AbortSignal.any(signals);
    try {
      const sent = Promise.resolve(prototypeSend().call(client, command, { ...options, abortSignal: signal }));
      return await untilAborted(sent, signal);
    } catch (error) {
      const interrupted = guard.signal?.aborted || options.abortSignal?.aborted;
      const failure = budget.aborted && !interrupted ? timeoutError(guard.timeoutMs) : error;
      throw nameOperation(failure, client, command);
    }
  };
  Object.defineProperty(client, 'send', { value: send, configurable: true, writable: true });
  return client;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function timeoutError(timeoutMs: number): Error {
  // Named like the SDK's own timeout so isTransient treats it the same (a poller waits and polls again).
  return Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), {
    name: ENDPOINT_TIMEOUT,
    timeoutSeconds: timeoutMs / 1000,
  });
}

function nameOperation(error: unknown, client: object, command: unknown): unknown {
  if (typeof error !== 'object' || error === null || !Object.isExtensible(error) || 'awsOperation' in error) {
    return error;
  }
  const service = (client as { config?: { serviceId?: string } }).config?.serviceId;
  const operation = (command as { constructor?: { name?: string } })?.constructor?.name?.replace(/Command$/, '');
  if (service && operation) {
    Object.defineProperty(error, 'awsOperation', { value: `${service} ${operation}`, enumerable: false });
  }
  return error;
}
