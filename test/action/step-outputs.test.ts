import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendStepOutputs } from '../../src/report/output.js';
import { taskDefinitionArn } from '../deploy/fake-ecs/fake-ecs.js';
import { runScenario } from '../deploy/fake-ecs/harness.js';
import { NEW_IMAGE } from '../deploy/fake-ecs/scenarios.js';
import { parseStepOutputs } from '../support/step-outputs.js';

async function outputFile(): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'hatoba-output-')), 'output');
  await writeFile(file, '');
  return file;
}

describe('step outputs in GitHub Actions ($GITHUB_OUTPUT)', () => {
  it('deploy writes revision, task-definition-arn and verdict, also when the deploy failed', async () => {
    const file = await outputFile();
    const env = { GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: file };
    const { code } = await runScenario('crash-loop', ['deploy', '--image', NEW_IMAGE], env);
    expect(code).toBe(1);
    expect(parseStepOutputs(await readFile(file, 'utf8'))).toEqual({
      revision: '7',
      'task-definition-arn': taskDefinitionArn(7),
      verdict: 'failed',
    });
  });

  it('deploy --json writes the same outputs (stdout stays one document)', async () => {
    const file = await outputFile();
    const env = { GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: file };
    const { code, stdout } = await runScenario('healthy', ['deploy', '--image', NEW_IMAGE, '--json'], env);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'succeeded', revision: 7 });
    expect(parseStepOutputs(await readFile(file, 'utf8'))).toMatchObject({ revision: '7', verdict: 'succeeded' });
  });

  it('status writes the revision the service runs (no verdict: nothing was rolled out)', async () => {
    const file = await outputFile();
    const { code } = await runScenario('healthy', ['status'], { GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: file });
    expect(code).toBe(0);
    expect(parseStepOutputs(await readFile(file, 'utf8'))).toEqual({
      revision: '6',
      'task-definition-arn': taskDefinitionArn(6),
    });
  });

  it('outside GitHub Actions nothing is written', async () => {
    const file = await outputFile();
    await runScenario('healthy', ['deploy', '--image', NEW_IMAGE], { GITHUB_OUTPUT: file });
    expect(await readFile(file, 'utf8')).toBe('');
  });

  it('a value with a newline cannot add an output of its own', async () => {
    const file = await outputFile();
    await appendStepOutputs({ GITHUB_OUTPUT: file }, { verdict: 'failed\nrevision=1', revision: 7, skipped: null });
    const outputs = parseStepOutputs(await readFile(file, 'utf8'));
    expect(outputs).toEqual({ verdict: 'failed\nrevision=1', revision: '7' });
  });
});
