import { createInterface } from 'node:readline/promises';

/** Asks one question at a time. The CLI uses a terminal; tests pass scripted answers. */
export interface Prompter {
  /** Shows `question [default]: ` and resolves to the answer, or the default when the answer is empty. */
  ask(question: string, defaultValue?: string): Promise<string>;
  close(): void;
}

export function terminalPrompter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Prompter {
  const readline = createInterface({ input, output });
  return {
    async ask(question, defaultValue) {
      const suffix = defaultValue === undefined || defaultValue === '' ? '' : ` [${defaultValue}]`;
      const answer = (await readline.question(`${question}${suffix}: `)).trim();
      return answer === '' ? (defaultValue ?? '') : answer;
    },
    close: () => readline.close(),
  };
}
