import { errorMessage } from '../errors.js';

/**
 * What a rehearsal must undo, registered as each thing is about to be created (so a creation interrupted half-way
 * is undone too) and undone in reverse order. Every undo runs once, even when an earlier one fails.
 */
export class Cleanup {
  private readonly pending: { label: string; undo: () => Promise<unknown> }[] = [];
  /** Labels of what has been undone, in order. */
  readonly done: string[] = [];

  defer(label: string, undo: () => Promise<unknown>): void {
    this.pending.push({ label, undo });
  }

  /** Undoes everything registered so far; returns what could not be undone, and why. */
  async run(): Promise<{ label: string; message: string }[]> {
    const problems: { label: string; message: string }[] = [];
    for (let task = this.pending.pop(); task !== undefined; task = this.pending.pop()) {
      try {
        await task.undo();
        this.done.push(task.label);
      } catch (error) {
        problems.push({ label: task.label, message: errorMessage(error) });
      }
    }
    return problems;
  }
}
