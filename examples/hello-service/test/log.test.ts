import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';

describe('createLogger', () => {
  it('writes one JSON object per line with time, level, message and fields', () => {
    const lines: string[] = [];
    const log = createLogger(
      (line) => lines.push(line),
      () => new Date('2026-11-01T10:00:00.000Z'),
    );
    log.info('listening', { port: 8080 });
    log.warn('slow');
    log.error('failed', { error: 'boom' });
    expect(lines).toEqual([
      '{"time":"2026-11-01T10:00:00.000Z","level":"info","msg":"listening","port":8080}\n',
      '{"time":"2026-11-01T10:00:00.000Z","level":"warn","msg":"slow"}\n',
      '{"time":"2026-11-01T10:00:00.000Z","level":"error","msg":"failed","error":"boom"}\n',
    ]);
  });

  it('escapes newlines inside values, so each record stays on one line', () => {
    const lines: string[] = [];
    createLogger((line) => lines.push(line)).info('multi\nline', { stack: 'a\nb' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.trimEnd()).not.toContain('\n');
  });
});
