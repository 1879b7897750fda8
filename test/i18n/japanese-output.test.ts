import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/cli/command.js';
import { runScenario } from '../deploy/fake-ecs/harness.js';
import { NEW_IMAGE } from '../deploy/fake-ecs/scenarios.js';
import { doctorWorld, type World } from '../doctor/world.js';
import { runCli } from '../support/cli.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const TRUST = join(fixtures, 'iam/trust-main.json');
const JA = { LANG: 'ja_JP.UTF-8' };
const DENIED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';

describe('explain in Japanese', () => {
  const sub = ['explain', '--sub', 'repo:octo-org/web:ref:refs/heads/dev', '--trust-policy', TRUST];

  it('LANG=ja_JP.UTF-8: Japanese verdict and hints, AWS text and claim values quoted as they are', async () => {
    const { code, stdout } = await runCli(sub, { env: JA });
    expect(code).toBe(0);
    expect(stdout).toContain(`✗ 拒否（信頼ポリシーにより、STS は AccessDenied「${DENIED}」を返します）`);
    expect(stdout).toContain('で満たされていない条件:');
    expect(stdout).toContain('      期待値    repo:octo-org/web:ref:refs/heads/main');
    expect(stdout).toContain('      実際の値  repo:octo-org/web:ref:refs/heads/dev');
    expect(stdout).toContain('ヒント: 最も近い信頼済みのサブジェクト: repo:octo-org/web:ref:refs/heads/main');
    expect(stdout).toMatch(
      /ヒント: 実行は ref_type branch の dev（refs\/heads\/dev）.*refs\/heads\/main からデプロイする/,
    );
    expect(stdout).not.toMatch(/\bhint:|The run was for/);
  });

  it("a CloudTrail event: AWS's error code and message verbatim next to the Japanese", async () => {
    const event = join(fixtures, 'cloudtrail/denied-environment.json');
    const { stdout } = await runCli(['explain', '--event', event, '--trust-policy', TRUST], { env: JA });
    expect(stdout).toContain('  CloudTrail  AccessDenied: An unknown error occurred');
    expect(stdout).toContain('ヒント: ジョブが `environment: production` を宣言しているため');
  });

  it('--lang en under LANG=ja_JP.UTF-8 prints exactly the English', async () => {
    const english = await runCli(sub, { env: {} });
    const forced = await runCli([...sub, '--lang', 'en'], { env: JA });
    expect(forced.stdout).toBe(english.stdout);
    expect(english.stdout).toContain('✗ denied');
    expect(english.stdout).toContain('hint: The run was for branch dev (refs/heads/dev)');
  });

  it('--json keeps every English field and adds the hints in Japanese as messages', async () => {
    const en = JSON.parse((await runCli([...sub, '--json'], { env: {} })).stdout);
    const ja = JSON.parse((await runCli([...sub, '--json'], { env: JA })).stdout);
    const [enResult, jaResult] = [en.results[0], ja.results[0]];
    expect(jaResult.hints).toEqual(enResult.hints);
    expect(jaResult.messages).toHaveLength(enResult.hints.length);
    expect(enResult.messages).toEqual(enResult.hints);
    expect(jaResult.messages[0]).toMatch(/^プロバイダーの ARN が指定されていないため/);
    const { messages: _ja, ...jaRest } = jaResult;
    const { messages: _en, ...enRest } = enResult;
    expect(jaRest).toEqual(enRest);
  });
});

describe('deploy in Japanese (fake ECS)', () => {
  const deploy = ['deploy', '--image', NEW_IMAGE];

  it('circuit breaker: the Japanese verdict and cause, with the container reason quoted as ECS wrote it', async () => {
    const { code, stdout } = await runScenario('circuit-breaker-rollback', [...deploy, '--lang', 'ja']);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /✗ ロールバックしました（所要時間 \d+s）: リビジョン 6 にロールバックされました。原因: コンテナがメモリ不足になり強制終了されました（exit 137）/,
    );
    expect(stdout).toContain(
      '  根拠:     Essential container in task exited — OutOfMemoryError: Container killed due to memory usage',
    );
    expect(stdout).toMatch(/ {2}対処: {5}hatoba\.yml の ecs\.memory を増やす/);
    expect(stdout).toContain('  詳細:     docs/troubleshooting.md#deploy-out-of-memory');
  });

  it('image pull failure: CannotPullContainerError quoted, the fix in Japanese', async () => {
    const { stdout } = await runScenario('image-pull-error', [...deploy, '--lang', 'ja']);
    expect(stdout).toContain('✗ デプロイに失敗しました');
    expect(stdout).toContain('イメージのタグまたはダイジェストがリポジトリに存在しません');
    expect(stdout).toMatch(/ {2}根拠: {5}CannotPullContainerError: pull image manifest has been retried/);
    expect(stdout).toContain('`hatoba rollback` でこのロールアウトを取り消せます。');
  });

  it('in GitHub Actions with HATOBA_LANG=ja: the annotation and the job summary in Japanese, the log lines as logged', async () => {
    const summary = join(await mkdtemp(join(tmpdir(), 'hatoba-ja-summary-')), 'summary.md');
    const env = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, HATOBA_LANG: 'ja' };
    const { code, stdout } = await runScenario('crash-loop', deploy, env);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^::error title=hatoba deploy%3A デプロイに失敗しました::アプリケーションがコード 1 で終了しました%0A/m,
    );
    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toContain('### hatoba deploy: デプロイに失敗しました');
    expect(markdown).toContain('| リビジョン | hello-service:7（以前は hello-service:6） |');
    expect(markdown).toContain('| 原因 | アプリケーションがコード 1 で終了しました |');
    expect(markdown).toContain('Error: DATABASE_URL is not set');
  });

  it('timeout: what the rollout still waited on, in Japanese', async () => {
    const { code, stdout } = await runScenario('timeout', [...deploy, '--timeout', '3m', '--lang', 'ja']);
    expect(code).toBe(1);
    expect(stdout).toContain('✗ タイムアウトしました（所要時間 3m）: デプロイが 3m 以内に完了しませんでした');
    expect(stdout).toMatch(/ {2}待機中: デプロイ \S+（リビジョン 7）の完了: IN_PROGRESS、0\/2 実行中、2 保留中/);
  });

  it('--json: ids and English fields unchanged, message and fixMessage in Japanese', async () => {
    const en = JSON.parse((await runScenario('circuit-breaker-rollback', [...deploy, '--json'])).stdout);
    const ja = JSON.parse((await runScenario('circuit-breaker-rollback', [...deploy, '--json'], JA)).stdout);
    expect(ja.cause.id).toBe('out-of-memory');
    expect(ja.summary).toBe(
      'rolled back to revision 6 because the container ran out of memory and was killed (exit 137)',
    );
    expect(en.message).toBe(en.summary);
    expect(en.cause.message).toBe(en.cause.title);
    expect(en.cause.fixMessage).toBe(en.cause.fix);
    expect(ja.message).toBe(
      'リビジョン 6 にロールバックされました。原因: コンテナがメモリ不足になり強制終了されました（exit 137）',
    );
    expect(ja.cause.message).toBe('コンテナがメモリ不足になり強制終了されました（exit 137）');
    const strip = ({ message: _m, cause, ...rest }: Record<string, unknown>) => {
      const { message: _c, fixMessage: _f, ...fields } = cause as Record<string, unknown>;
      return { ...rest, cause: fields };
    };
    expect(strip(ja)).toEqual(strip(en));
  });
});

describe('lint, doctor and config in Japanese', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.restore();
    world = undefined;
  });

  it('lint: each finding and its fix in Japanese, rule ids as they are; --json adds localized', async () => {
    const dir = 'test/fixtures/workflows/id-token-permission/fail-job-permissions';
    const argv = ['lint', '--dir', dir, '--config', 'examples/hello-service/hatoba.yml'];
    const { code, stdout } = await runCli(argv, { cwd: root, env: JA });
    expect(code).toBe(1);
    expect(stdout).toContain(
      `${dir}/deploy.yml:8: エラー id-token-permission: ジョブ "deploy" は OIDC でロールを引き受けます（11 行目）が、ジョブ "deploy" の permissions に id-token: write がありません`,
    );
    expect(stdout).toContain(
      '  対処: このジョブに `permissions: { contents: read, id-token: write }` を追加してください',
    );
    const json = JSON.parse((await runCli([...argv, '--json'], { cwd: root, env: JA })).stdout);
    const [first] = json.findings;
    expect(first.rule).toBe('id-token-permission');
    expect(first.message).toMatch(/^job "deploy" assumes a role with OIDC/);
    expect(first.localized.message).toMatch(/^ジョブ "deploy" は OIDC でロールを引き受けます/);
  });

  it('doctor: a denied read and a wrong audience in Japanese, AccessDenied and the AWS command kept', async () => {
    world = await doctorWorld({ providerAudiences: ['sts.amazon.com'], denied: ['ecr:DescribeRepositories'] });
    const { stdout } = await world.run(['--lang', 'ja']);
    expect(stdout).toMatch(
      /FAIL oidc-provider: .* が受け付ける対象者は "sts\.amazon\.com" で、"sts\.amazonaws\.com" ではありません/,
    );
    expect(stdout).toContain('aws iam add-client-id-to-open-id-connect-provider');
    expect(stdout).toMatch(/チェックできませんでした（AccessDenied）: ecr:DescribeRepositories が必要です/);
    expect(stdout).toMatch(/^正常 \d+、警告 \d+、失敗 \d+$/m);
    const json = JSON.parse((await world.run(['--json', '--lang', 'ja'])).stdout);
    const provider = json.checks.find((c: { id: string }) => c.id === 'oidc-provider');
    expect(provider.message).toMatch(/accepts audience "sts\.amazon\.com", not "sts\.amazonaws\.com"/);
    expect(provider.localized.message).toMatch(/が受け付ける対象者は/);
  });

  it('config validate: the frame and generic problems in Japanese, keys and values as written', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'hatoba-ja-'));
    const example = await import('node:fs/promises').then((fs) =>
      fs.readFile(join(root, 'examples/hello-service/hatoba.yml'), 'utf8'),
    );
    await writeFile(join(cwd, 'hatoba.yml'), `${example}\nunknownKey: 1\n`);
    const { code, stderr } = await runCli(['config', 'validate'], { cwd, env: JA });
    expect(code).toBe(1);
    expect(stderr).toMatch(/✗ hatoba\.yml が正しくありません（問題 1 件）:\n {2}\d+ 行目: unknownKey: 不明なキーです/);
    expect(stderr).toContain('ヒント: 上のキーを修正してください。`hatoba config schema`');
    await writeFile(join(cwd, 'hatoba.yml'), example.replace(/account: "\d{12}"/, "account: '1'"));
    const account = await runCli(['config', 'validate'], { cwd, env: JA });
    expect(account.stderr).toMatch(/aws\.account: "1" は AWS のアカウント ID（ちょうど 12 桁の数字）ではありません/);
    await writeFile(join(cwd, 'hatoba.yml'), `${example}\nunknownKey: 1\n`);
    const english = await runCli(['config', 'validate', '--lang', 'en'], { cwd, env: JA });
    expect(english.stderr).toMatch(/✗ hatoba\.yml is invalid \(1 problem\):\n {2}line \d+: unknownKey: unknown key/);
  });

  it('several environments and none chosen: the error and hint in Japanese, names and flags as written', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'hatoba-ja-'));
    const text = [
      'app: shop',
      'github:',
      '  repository: octo-org/shop',
      'aws:',
      "  account: '111111111111'",
      '  region: ap-northeast-1',
      'environments:',
      '  staging:',
      '  production:',
      '    aws:',
      "      account: '222222222222'",
      '',
    ].join('\n');
    await writeFile(join(cwd, 'hatoba.yml'), text);
    const { code, stderr } = await runCli(['status'], { cwd, env: { HATOBA_LANG: 'ja' } });
    expect(code).toBe(2);
    expect(stderr).toContain(
      'エラー: hatoba.yml には 2 個の環境（staging, production）があります。どれを使うか指定してください',
    );
    expect(stderr).toContain(
      'ヒント: --environment staging を指定してください（または HATOBA_ENVIRONMENT を設定してください）。',
    );
  });

  it("AccessDenied from AWS: the error in Japanese with AWS's principal, action and resource as AWS wrote them", async () => {
    const error = Object.assign(
      new Error(
        'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: cloudformation:DescribeStacks on ' +
          'resource: arn:aws:cloudformation:eu-west-1:123456789012:stack/hello-service-service/* because no ' +
          'identity-based policy allows the cloudformation:DescribeStacks action',
      ),
      { name: 'AccessDenied', awsOperation: 'CloudFormation DescribeStacks' },
    );
    const boom = defineCommand({
      name: 'boom',
      summary: 'throws',
      configure: () => {},
      run: () => Promise.reject(error),
    });
    const ja = await runCli(['boom'], { commands: [boom], env: JA });
    expect(ja.code).toBe(2);
    expect(ja.stderr).toContain(
      'エラー: AWS CloudFormation DescribeStacks: アクセスが拒否されました（AccessDenied）: ' +
        'arn:aws:iam::123456789012:user/dev は arn:aws:cloudformation:eu-west-1:123456789012:stack/hello-service-service/* ' +
        'に対して cloudformation:DescribeStacks を呼び出せません',
    );
    expect(ja.stderr).toContain('ヒント: その ID に cloudformation:DescribeStacks を許可する');
    const en = await runCli(['boom', '--lang', 'en'], { commands: [boom], env: JA });
    expect(en.stderr).toContain(
      'error: AWS CloudFormation DescribeStacks: access denied: arn:aws:iam::123456789012:user/dev may not call ' +
        'cloudformation:DescribeStacks on arn:aws:cloudformation:eu-west-1:123456789012:stack/hello-service-service/*',
    );
  });

  it('an unreachable endpoint and a disabled Region: in Japanese, the error code and the AWS text as they are', async () => {
    const failing = (error: Error) =>
      defineCommand({ name: 'boom', summary: 'throws', configure: () => {}, run: () => Promise.reject(error) });
    const unreachable = Object.assign(new Error('getaddrinfo ENOTFOUND ecs.xx-east-9.amazonaws.com'), {
      code: 'ENOTFOUND',
      hostname: 'ecs.xx-east-9.amazonaws.com',
      awsOperation: 'ECS DescribeServices',
    });
    const ja = await runCli(['boom'], { commands: [failing(unreachable)], env: JA });
    expect(ja.code).toBe(2);
    expect(ja.stderr).toContain(
      'エラー: AWS ECS DescribeServices: エンドポイント ecs.xx-east-9.amazonaws.com に到達できませんでした（ENOTFOUND）',
    );
    expect(ja.stderr).toContain('ヒント: ネットワークと DNS、リージョン（aws.region / --region）');
    const disabled = Object.assign(new Error('STS is not activated in this region for account:123456789012.'), {
      name: 'RegionDisabledException',
      awsOperation: 'STS GetCallerIdentity',
    });
    const region = await runCli(['boom'], { commands: [failing(disabled)], env: JA });
    expect(region.stderr).toContain(
      'エラー: AWS STS GetCallerIdentity: このアカウントではリージョンが有効になっていません（RegionDisabledException）: ' +
        'STS is not activated in this region for account:123456789012.',
    );
    const en = await runCli(['boom', '--lang', 'en'], { commands: [failing(disabled)], env: JA });
    expect(en.stderr).toContain(
      'error: AWS STS GetCallerIdentity: the Region is not enabled for this account (RegionDisabledException)',
    );
  });

  it('a missing hatoba.yml: the usage error and its hint in Japanese (exit 2), the --json error in English', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'hatoba-ja-'));
    const { code, stderr } = await runCli(['status'], { cwd, env: JA });
    expect(code).toBe(2);
    expect(stderr).toContain(`エラー: ${cwd} とその親ディレクトリに hatoba.yml がありません`);
    expect(stderr).toContain('ヒント: `hatoba init` で作成するか、--config FILE を指定してください。');
    const json = await runCli(['status', '--json'], { cwd, env: JA });
    expect(JSON.parse(json.stdout).error.message).toBe(`No hatoba.yml in ${cwd} or any parent directory`);
  });
});
