import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { terminalPrompter } from '../../src/init/prompts.js';

/** A terminal as readline sees it: raw mode, keys one by one. */
function terminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  output.resume();
  return { input, output };
}

/** What main does on SIGINT: abort the command's signal with its own reason. */
function cli() {
  const controller = new AbortController();
  const reason = new Error('Interrupted');
  let interrupts = 0;
  return {
    signal: controller.signal,
    reason,
    interrupts: () => interrupts,
    interrupt: () => {
      interrupts += 1;
      controller.abort(reason);
    },
  };
}

describe('terminalPrompter', () => {
  it('answers with the typed line or the default', async () => {
    const { input, output } = terminal();
    const { signal, interrupt } = cli();
    const prompter = terminalPrompter(input, output, { signal, interrupt });
    const first = prompter.ask('App name', 'hello');
    input.write('\r');
    expect(await first).toBe('hello');
    const second = prompter.ask('AWS Region');
    input.write('eu-west-1\r');
    expect(await second).toBe('eu-west-1');
    prompter.close();
  });

  it('tells a line between questions on the terminal', async () => {
    const { input, output } = terminal();
    const { signal, interrupt } = cli();
    let shown = '';
    output.on('data', (chunk: Buffer) => {
      shown += chunk.toString();
    });
    const prompter = terminalPrompter(input, output, { signal, interrupt });
    prompter.tell?.('  "x" is not a port (1–65535); try again.');
    expect(shown).toBe('  "x" is not a port (1–65535); try again.\n');
    prompter.close();
  });

  for (const [key, name] of [
    ['\x03', 'Ctrl-C'],
    ['\x04', 'Ctrl-D'],
  ] as const) {
    it(`${name} at a prompt raises the CLI's interrupt and rejects with its reason, leaving the input released`, async () => {
      const { input, output } = terminal();
      const run = cli();
      const prompter = terminalPrompter(input, output, { signal: run.signal, interrupt: run.interrupt });
      const answer = prompter.ask('AWS account id (12 digits)');
      input.write(key);
      await expect(answer).rejects.toBe(run.reason);
      expect(run.interrupts()).toBe(1);
      // readline let go of the terminal: nothing keeps the process alive.
      expect(input.listenerCount('keypress')).toBe(0);
      prompter.close();
      expect(run.interrupts()).toBe(1);
    });
  }

  it('an interrupt from elsewhere (SIGINT) ends a pending question', async () => {
    const { input, output } = terminal();
    const run = cli();
    const prompter = terminalPrompter(input, output, { signal: run.signal, interrupt: run.interrupt });
    const answer = prompter.ask('AWS Region');
    run.interrupt();
    await expect(answer).rejects.toBe(run.reason);
    await expect(prompter.ask('Container port')).rejects.toBe(run.reason);
  });

  it('input that ends without an interrupt handler is a usage error naming the question', async () => {
    const { input, output } = terminal();
    const prompter = terminalPrompter(input, output, { signal: new AbortController().signal, interrupt: () => {} });
    const answer = prompter.ask('AWS Region');
    input.write('\x04');
    await expect(answer).rejects.toThrow(UserError);
    await expect(answer).rejects.toThrow('input ended before "AWS Region" was answered');
  });
});
