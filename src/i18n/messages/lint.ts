import { defineCatalogue } from '../catalogue.js';

/**
 * `hatoba lint` (and doctor's workflow check): each rule's finding and fix, keyed by the rule id `--json` prints.
 * Job ids, workflow keys, expressions and commands stay as the workflow writes them.
 */
export const LINT = defineCatalogue({
  en: {
    'label.error': 'error',
    'label.warning': 'warning',
    'label.fix': 'fix:',
    annotation: '{message}. {fix}',
    checked: '{workflows} checked',
    'checked.against': '{workflows} checked against {source}',
    workflow: '{count} workflow',
    workflows: '{count} workflows',
    'no-findings': 'no findings',
    error: '{count} error',
    errors: '{count} errors',
    warning: '{count} warning',
    warnings: '{count} warnings',
    'trust-skipped': 'trust checks skipped: no hatoba.yml found and no --trust-policy given',

    'source.generated': 'the trust policy generated from hatoba.yml',
    'source.push-role': "the push role's trust policy generated from hatoba.yml",
    'source.environment-role': "the trust policy of environment {name}'s deploy role, generated from hatoba.yml",
    'source.all-roles': "the push role's and each environment's deploy role trust policies generated from hatoba.yml",
    'source.live': 'the live trust policy of {arn}',

    'trust-subject-mismatch': 'job "{job}": {triggers} → sub "{sub}", which {source} does not trust',
    'trust-subject-mismatch.fix.push-role':
      'The push role trusts the branches and tags of hatoba.yml, never an environment: push the image from a job without `environment:` and deploy from the environment jobs.',
    'trust-subject-mismatch.fix.environment':
      'Trust the environment: set `github.environment: {environment}` in hatoba.yml and run `hatoba up` (or add "{sub}" to the role\'s trust policy).',
    'trust-subject-mismatch.fix.pull-request':
      'Do not assume the deploy role on pull_request: drop the trigger from this workflow, or run the job only on push.',
    'trust-subject-mismatch.fix.any-ref':
      "Limit the trigger to trusted refs (`branches:`/`tags:` filters) or guard the job, e.g. `if: github.ref == 'refs/heads/main'`.",
    'trust-subject-mismatch.fix':
      'Trust it (add the branch or tag to github.branches/github.tags in hatoba.yml and run `hatoba up`), or remove it from the trigger.',

    'environment-unknown':
      'job "{job}" runs in GitHub environment "{environment}", which none of hatoba.yml\'s environments uses ({known}): no deploy role trusts its token',
    'environment-unknown.fix':
      'Use one of {choices}, or add an environment to hatoba.yml whose github.environment is {environment} and run `hatoba up --environment NAME`.',
    'environment-deploy-mismatch.unknown':
      'job "{job}" {use}, but hatoba.yml has no environment {named} (it has {names})',
    'environment-deploy-mismatch.unknown.fix': "Name one of hatoba.yml's environments: {choices}.",
    'environment-deploy-mismatch': 'job "{job}" {use}: {token}; {target}\'s deploy role trusts only {subjects}',
    'environment-deploy-mismatch.token.none':
      'this job runs in no GitHub environment, so its token names the branch or tag',
    'environment-deploy-mismatch.token.environment': "this job's token is for environment {environment}",
    'environment-deploy-mismatch.fix': 'Run the job in `environment: {githubEnvironment}`.',
    'environment-deploy-mismatch.fix.own':
      "Run the job in `environment: {githubEnvironment}`, or work on the job's own environment ({own}) instead.",
    'environment-deploy-mismatch.use.action': "runs hatoba's action with environment {named}",
    'environment-deploy-mismatch.use.command': 'runs `hatoba {command} --environment {named}`',
    'environment-deploy-mismatch.use.role': "assumes environment {named}'s deploy role",

    'audience-mismatch': 'job "{job}" requests audience "{audience}", but {source} accepts {accepted}',
    'audience-mismatch.action-default':
      'job "{job}" requests audience "{audience}" (the action default), but {source} accepts {accepted}',
    'audience-mismatch.none': 'no GitHub audience',
    'audience-mismatch.fix':
      "Set `audience: {audience}` on the step, or change the role's aud condition (and the OIDC provider's client ids) to match.",
    'audience-mismatch.fix.none':
      "Add an aud condition (StringEquals token.actions.githubusercontent.com:aud) for the audience to the role's trust policy.",

    'id-token-permission': 'job "{job}" assumes a role with OIDC (line {line}), but {explanation}',
    'id-token-permission.fix':
      'Add `permissions: { contents: read, id-token: write }` to this job (job level, so other jobs cannot mint tokens).',
    'id-token-permission.caller':
      'job "{caller}" calls {workflow}, whose job "{job}" assumes a role with OIDC, but {explanation}; a called workflow gets at most its caller\'s permissions',
    'id-token-permission.caller.fix': 'Add `permissions: { contents: read, id-token: write }` to the calling job.',
    'id-token.job': 'job "{job}" sets permissions without id-token: write',
    'id-token.workflow': 'the workflow\'s permissions (which job "{job}" inherits) lack id-token: write',
    'id-token.unset': 'neither job "{job}" nor the workflow sets permissions, and the default token has no id-token',

    'pull-request-target-with-oidc':
      "pull_request_target runs with this repository's privileges for pull requests from anyone, and {jobs} assume an AWS role",
    'pull-request-target-with-oidc.one':
      "pull_request_target runs with this repository's privileges for pull requests from anyone, and {jobs} assumes an AWS role",
    'pull-request-target-with-oidc.fix':
      'Use `pull_request` for checks without AWS access; deploy only from push (or an environment with reviewers).',

    'unpinned-action.docker': 'job "{job}" runs {uses} by tag',
    'unpinned-action.docker.fix': 'Pin the image by digest: docker://IMAGE@sha256:…',
    'unpinned-action': 'job "{job}" uses {uses}: "{ref}" can be moved to different code without any change here',
    'unpinned-action.fix.known': 'Use `{repository}@{sha} # {version}`.',
    'unpinned-action.fix':
      'Pin a full commit SHA with the version as a comment: `{repository}@<40-hex sha> # {version}`.',

    'workflow-id-token': 'id-token: write at workflow level lets every job of this workflow request an OIDC token',
    'workflow-id-token.write-all':
      'workflow-level `permissions: write-all` gives every job id-token: write and every other write scope',
    'workflow-id-token.fix':
      'Set `permissions: {}` at the top and grant `id-token: write` only on the jobs that assume the role.',

    'role-arn-hardcoded': 'job "{job}" hard-codes the role ARN {role}',
    'role-arn-hardcoded.fix':
      'Store it as a variable (`gh variable set {variable} --body <arn>`) and write `{expression}`.',

    'outdated-action': 'job "{job}" uses {repository} {version}; v{minimum} or later is needed',
    'outdated-action.fix.known': 'Use `{repository}@{sha} # {version}`.',
    'outdated-action.fix': 'Upgrade to v{minimum} or later, pinned to its commit SHA.',

    'registry-cache-immutable-tag.config':
      'job "{job}" exports its build cache to {ref}, but hatoba.yml makes {repository} {mutability}: every build after the first fails with ImageTagAlreadyExistsException',
    'registry-cache-immutable-tag.live':
      'job "{job}" exports its build cache to {ref}, but the live repository {repository} is {mutability}: every build after the first fails with ImageTagAlreadyExistsException',
    'registry-cache-immutable-tag.mutability': '{setting} except for {tags}',
    'registry-cache-immutable-tag.fix.config':
      'Export the cache to `{target}`, the tag the repository lets move (or set `ecr.tagMutability: MUTABLE` and run `hatoba up`).',
    'registry-cache-immutable-tag.fix.live':
      'Exclude the cache tag from immutability: aws ecr put-image-tag-mutability --repository-name {repository} --image-tag-mutability IMMUTABLE_WITH_EXCLUSION --image-tag-mutability-exclusion-filters filterType=WILDCARD,filter={tag}.',
    'registry-cache-immutable-tag.fix.live-up':
      'Exclude the cache tag from immutability: aws ecr put-image-tag-mutability --repository-name {repository} --image-tag-mutability IMMUTABLE_WITH_EXCLUSION --image-tag-mutability-exclusion-filters filterType=WILDCARD,filter={tag} (or run `hatoba up`).',

    'unexpanded-expression': '`{text}` ({what}) is not an expression: GitHub leaves it as literal text',
    'unexpanded-expression.fix': 'Write `{expression}`.',

    'untrusted-input-in-run':
      'job "{job}" can obtain AWS credentials and puts {references} straight into its script, where a crafted value runs as shell code',
    'untrusted-input-in-run.fix':
      'Pass it through the environment: `env: { VALUE: {expression} }` on the step, and use "$VALUE" in the script.',

    'untrusted-trigger-with-oidc':
      'job "{job}" can assume the AWS role (id-token: write) and runs on {events}, which anyone can cause; such runs present the "{branch}" branch\'s sub, which the role trusts',
    'untrusted-trigger-with-oidc.fix':
      "Move the AWS steps to a workflow triggered by push (or an environment with required reviewers), or guard the job with `if: github.event_name == 'push'`.",

    'persist-credentials':
      'job "{job}" checks out with the GitHub token persisted in .git/config, next to its AWS credentials',
    'persist-credentials.fix': 'Add `with: { persist-credentials: false }` to the checkout step.',
  },
  ja: {
    'label.error': 'エラー',
    'label.warning': '警告',
    'label.fix': '対処:',
    annotation: '{message}。{fix}',
    checked: '{workflows}を確認しました',
    'checked.against': '{workflows}を{source}に照らして確認しました',
    workflow: '{count} 個のワークフロー',
    workflows: '{count} 個のワークフロー',
    'no-findings': '問題はありません',
    error: 'エラー {count} 件',
    errors: 'エラー {count} 件',
    warning: '警告 {count} 件',
    warnings: '警告 {count} 件',
    'trust-skipped':
      '信頼ポリシーのチェックは省略しました: hatoba.yml が見つからず、--trust-policy も指定されていません',

    'source.generated': 'hatoba.yml から生成した信頼ポリシー',
    'source.push-role': 'hatoba.yml から生成したプッシュ用ロールの信頼ポリシー',
    'source.environment-role': 'hatoba.yml から生成した環境 {name} のデプロイ用ロールの信頼ポリシー',
    'source.all-roles': 'hatoba.yml から生成したプッシュ用ロールと各環境のデプロイ用ロールの信頼ポリシー',
    'source.live': '{arn} の現在の信頼ポリシー',

    'trust-subject-mismatch':
      'ジョブ "{job}": {triggers} → sub "{sub}"。{source}はこの sub を信頼していません（実行時に「Not authorized to perform sts:AssumeRoleWithWebIdentity」になります）',
    'trust-subject-mismatch.fix.push-role':
      'プッシュ用ロールが信頼するのは hatoba.yml のブランチとタグだけで、環境は信頼しません。イメージは `environment:` のないジョブでプッシュし、デプロイは環境のジョブで行ってください。',
    'trust-subject-mismatch.fix.environment':
      '環境を信頼してください: hatoba.yml に `github.environment: {environment}` を設定して `hatoba up` を実行します（またはロールの信頼ポリシーに "{sub}" を追加します）。',
    'trust-subject-mismatch.fix.pull-request':
      'pull_request ではデプロイ用のロールを引き受けないでください。このワークフローからトリガーを外すか、ジョブを push のときだけ実行してください。',
    'trust-subject-mismatch.fix.any-ref':
      "トリガーを信頼済みの ref に限定する（`branches:`/`tags:` フィルター）か、ジョブに条件を付けてください（例: `if: github.ref == 'refs/heads/main'`）。",
    'trust-subject-mismatch.fix':
      '信頼する（hatoba.yml の github.branches/github.tags にブランチまたはタグを追加して `hatoba up` を実行する）か、トリガーから外してください。',

    'environment-unknown':
      'ジョブ "{job}" は GitHub の環境 "{environment}" で実行されますが、hatoba.yml のどの環境もこれを使っていません（{known}）。このトークンを信頼するデプロイ用ロールはありません',
    'environment-unknown.fix':
      '{choices} のいずれかを使うか、github.environment が {environment} の環境を hatoba.yml に追加して `hatoba up --environment NAME` を実行してください。',
    'environment-deploy-mismatch.unknown':
      'ジョブ "{job}" は {use}が、hatoba.yml に環境 {named} はありません（あるのは {names}）',
    'environment-deploy-mismatch.unknown.fix': 'hatoba.yml の環境のいずれかを指定してください: {choices}。',
    'environment-deploy-mismatch':
      'ジョブ "{job}" は {use}: {token}。{target} のデプロイ用ロールが信頼するのは {subjects} だけです',
    'environment-deploy-mismatch.token.none':
      'このジョブは GitHub の環境なしで実行されるため、トークンはブランチまたはタグを示します',
    'environment-deploy-mismatch.token.environment': 'このジョブのトークンは環境 {environment} のものです',
    'environment-deploy-mismatch.fix': 'ジョブを `environment: {githubEnvironment}` で実行してください。',
    'environment-deploy-mismatch.fix.own':
      'ジョブを `environment: {githubEnvironment}` で実行するか、ジョブ自身の環境（{own}）を対象にしてください。',
    'environment-deploy-mismatch.use.action': '環境 {named} を指定して hatoba のアクションを実行します',
    'environment-deploy-mismatch.use.command': '`hatoba {command} --environment {named}` を実行します',
    'environment-deploy-mismatch.use.role': '環境 {named} のデプロイ用ロールを引き受けます',

    'audience-mismatch':
      'ジョブ "{job}" は対象者 "{audience}" を要求していますが、{source}が受け付けるのは {accepted} です',
    'audience-mismatch.action-default':
      'ジョブ "{job}" は対象者 "{audience}"（アクションのデフォルト）を要求していますが、{source}が受け付けるのは {accepted} です',
    'audience-mismatch.none': 'GitHub の対象者なし',
    'audience-mismatch.fix':
      'ステップに `audience: {audience}` を設定するか、ロールの aud 条件（と OIDC ID プロバイダーのクライアント ID）を合わせてください。',
    'audience-mismatch.fix.none':
      'ロールの信頼ポリシーに、その対象者の aud 条件（StringEquals token.actions.githubusercontent.com:aud）を追加してください。',

    'id-token-permission': 'ジョブ "{job}" は OIDC でロールを引き受けます（{line} 行目）が、{explanation}',
    'id-token-permission.fix':
      'このジョブに `permissions: { contents: read, id-token: write }` を追加してください（他のジョブがトークンを発行できないようジョブ単位で）。',
    'id-token-permission.caller':
      'ジョブ "{caller}" は {workflow} を呼び出し、そのジョブ "{job}" は OIDC でロールを引き受けますが、{explanation}。呼び出されたワークフローが得られるのは最大でも呼び出し元の権限だけです',
    'id-token-permission.caller.fix':
      '呼び出し元のジョブに `permissions: { contents: read, id-token: write }` を追加してください。',
    'id-token.job': 'ジョブ "{job}" の permissions に id-token: write がありません',
    'id-token.workflow': 'ワークフローの permissions（ジョブ "{job}" が継承します）に id-token: write がありません',
    'id-token.unset':
      'ジョブ "{job}" にもワークフローにも permissions がなく、デフォルトのトークンには id-token がありません',

    'pull-request-target-with-oidc':
      'pull_request_target は誰からのプルリクエストに対してもこのリポジトリの権限で実行され、{jobs} が AWS のロールを引き受けます',
    'pull-request-target-with-oidc.one':
      'pull_request_target は誰からのプルリクエストに対してもこのリポジトリの権限で実行され、{jobs} が AWS のロールを引き受けます',
    'pull-request-target-with-oidc.fix':
      'AWS にアクセスしないチェックには `pull_request` を使い、デプロイは push（またはレビュー担当者付きの環境）からだけ行ってください。',

    'unpinned-action.docker': 'ジョブ "{job}" は {uses} をタグで実行しています',
    'unpinned-action.docker.fix': 'イメージをダイジェストで固定してください: docker://IMAGE@sha256:…',
    'unpinned-action':
      'ジョブ "{job}" は {uses} を使っています。"{ref}" はここを変更しなくても別のコードに移動できます',
    'unpinned-action.fix.known': '`{repository}@{sha} # {version}` を使ってください。',
    'unpinned-action.fix':
      'コミット SHA 全体で固定し、バージョンをコメントに書いてください: `{repository}@<40-hex sha> # {version}`。',

    'workflow-id-token':
      'ワークフローレベルの id-token: write により、このワークフローのすべてのジョブが OIDC トークンを要求できます',
    'workflow-id-token.write-all':
      'ワークフローレベルの `permissions: write-all` により、すべてのジョブに id-token: write と他のすべての書き込み権限が与えられます',
    'workflow-id-token.fix':
      '先頭で `permissions: {}` を設定し、`id-token: write` はロールを引き受けるジョブにだけ付与してください。',

    'role-arn-hardcoded': 'ジョブ "{job}" はロールの ARN {role} をハードコードしています',
    'role-arn-hardcoded.fix':
      '変数に保存し（`gh variable set {variable} --body <arn>`）、`{expression}` と書いてください。',

    'outdated-action': 'ジョブ "{job}" は {repository} {version} を使っています。v{minimum} 以降が必要です',
    'outdated-action.fix.known': '`{repository}@{sha} # {version}` を使ってください。',
    'outdated-action.fix': 'v{minimum} 以降にアップグレードし、コミット SHA で固定してください。',

    'registry-cache-immutable-tag.config':
      'ジョブ "{job}" はビルドキャッシュを {ref} にエクスポートしていますが、hatoba.yml は {repository} を {mutability} にしています。最初のビルド以降はすべて ImageTagAlreadyExistsException で失敗します',
    'registry-cache-immutable-tag.live':
      'ジョブ "{job}" はビルドキャッシュを {ref} にエクスポートしていますが、実際のリポジトリ {repository} は {mutability} です。最初のビルド以降はすべて ImageTagAlreadyExistsException で失敗します',
    'registry-cache-immutable-tag.mutability': '{setting}（{tags} を除く）',
    'registry-cache-immutable-tag.fix.config':
      'キャッシュを、リポジトリが移動を許しているタグ `{target}` にエクスポートしてください（または `ecr.tagMutability: MUTABLE` を設定して `hatoba up` を実行してください）。',
    'registry-cache-immutable-tag.fix.live':
      'キャッシュのタグをイミュータブルの対象から外してください: aws ecr put-image-tag-mutability --repository-name {repository} --image-tag-mutability IMMUTABLE_WITH_EXCLUSION --image-tag-mutability-exclusion-filters filterType=WILDCARD,filter={tag}',
    'registry-cache-immutable-tag.fix.live-up':
      'キャッシュのタグをイミュータブルの対象から外してください（または `hatoba up` を実行してください）: aws ecr put-image-tag-mutability --repository-name {repository} --image-tag-mutability IMMUTABLE_WITH_EXCLUSION --image-tag-mutability-exclusion-filters filterType=WILDCARD,filter={tag}',

    'unexpanded-expression': '`{text}`（{what}）は式ではありません。GitHub はそのまま文字列として扱います',
    'unexpanded-expression.fix': '`{expression}` と書いてください。',

    'untrusted-input-in-run':
      'ジョブ "{job}" は AWS の認証情報を取得でき、{references} をスクリプトに直接埋め込んでいます。細工された値がシェルのコードとして実行されます',
    'untrusted-input-in-run.fix':
      '環境変数を経由させてください: ステップに `env: { VALUE: {expression} }` を設定し、スクリプトでは "$VALUE" を使います。',

    'untrusted-trigger-with-oidc':
      'ジョブ "{job}" は AWS のロールを引き受けることができ（id-token: write）、誰でも起こせる {events} で実行されます。その実行はロールが信頼する "{branch}" ブランチの sub を提示します',
    'untrusted-trigger-with-oidc.fix':
      "AWS のステップを push（または必須レビュー担当者付きの環境）でトリガーされるワークフローに移すか、ジョブに `if: github.event_name == 'push'` の条件を付けてください。",

    'persist-credentials':
      'ジョブ "{job}" は GitHub トークンを .git/config に残したままチェックアウトしており、AWS の認証情報と同居しています',
    'persist-credentials.fix': 'チェックアウトのステップに `with: { persist-credentials: false }` を追加してください。',
  },
});

export type LintKey = keyof (typeof LINT)['en'];
