import { createInterface } from 'node:readline/promises';
import { UserError } from '../errors.js';

/** Asks one question at a time. The CLI uses a terminal; tests pass scripted answers. */
export interface Prompter {
  /** Shows `question [default]: ` and resolves to the answer, or the default when the answer is empty. */
  ask(question: string, defaultValue?: string): Promise<string>;
  /** Shows a line between questions (why an answer was refused). */
  tell?(message: string): void;
  close(): void;
}

export interface TerminalPrompterOptions {
  /** The command's signal: aborted on Ctrl-C, and then a pending question stops with the signal's reason. */
  readonly signal: AbortSignal;
  /**
   * Raises the CLI's interrupt. On a terminal, readline reads Ctrl-C as a key (no SIGINT reaches the process) and
   * Ctrl-D as the end of input; both mean "stop", so both call this.
   */
  readonly interrupt: () => void;
}

export function terminalPrompter(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  { signal, interrupt }: TerminalPrompterOptions,
): Prompter {
  const readline = createInterface({ input, output });
  let closing = false;
  const close = () => {
    closing = true;
    signal.removeEventListener('abort', close);
    readline.close();
  };
  readline.on('SIGINT', interrupt);
  // Ctrl-D on an empty line closes readline; the question then rejects.
  readline.on('close', () => {
    if (!closing) interrupt();
  });
  signal.addEventListener('abort', close, { once: true });
  return {
    async ask(question, defaultValue) {
      const suffix = defaultValue === undefined || defaultValue === '' ? '' : ` [${defaultValue}]`;
      let answer: string;
      try {
        signal.throwIfAborted();
        answer = (await readline.question(`${question}${suffix}: `, { signal })).trim();
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (closing || (error as Error).name === 'AbortError') {
          throw new UserError(`input ended before "${question}" was answered`, 'Pass the answers as flags.');
        }
        throw error;
      }
      return answer === '' ? (defaultValue ?? '') : answer;
    },
    tell(message) {
      output.write(`${message}\n`);
    },
    close,
  };
}
