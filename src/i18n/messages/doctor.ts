import { defineCatalogue } from '../catalogue.js';

/**
 * `hatoba doctor`: each check's findings and fixes, keyed by the check id `--json` prints (`<id>` when it passes,
 * `<id>.<what>` otherwise). AWS's own words (stack status reasons, error messages) come in placeholders, verbatim.
 */
export const DOCTOR = defineCatalogue({
  en: {
    'label.fix': 'fix:',
    count: '{ok} ok, {warnings}, {failed} failed',
    warning: '{count} warning',
    warnings: '{count} warnings',
    none: 'none',

    'could-not-check': 'could not check: {error}',
    'could-not-check.denied': 'could not check: needs {action}',
    'could-not-check.denied.unknown': 'could not check: needs a read permission it lacks',
    'could-not-check.denied.fix':
      'Allow {action} for the identity running doctor (docs/doctor.md has the whole read-only policy).',
    'could-not-check.denied.fix.unknown':
      'Allow the actions docs/doctor.md lists for the identity running doctor (docs/doctor.md has the whole read-only policy).',

    credentials: '{arn} in account {account}, Region {region}',
    'credentials.caller': 'the caller',
    'credentials.unknown-identity': 'unknown identity',
    'credentials.other-account': 'the credentials are for account {account} ({arn}), but aws.account is {expected}',
    'credentials.other-account.fix':
      'Use credentials for account {expected} (AWS_PROFILE), or correct aws.account in hatoba.yml.',

    'oidc-provider': '{arn} accepts audience {audience}',
    'oidc-provider.missing': 'no OIDC provider for {host} in account {account}',
    'oidc-provider.missing.fix':
      'Run `hatoba up` (it creates the provider), or add it in IAM → Identity providers with audience sts.amazonaws.com.',
    'oidc-provider.audience': '{arn} accepts audience {audiences}, not {audience}',
    'oidc-provider.audience.typo':
      '{arn} accepts audience {audiences}, not {audience} ({typo} is a typo of sts.amazonaws.com)',
    'oidc-provider.audience.fix':
      'Add the audience: aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn {arn} --client-id {audience}.',
    'oidc-provider.audience.fix.typo':
      'Add the audience: aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn {arn} --client-id {audience}, then remove {typo}.',

    'deploy-role.missing': 'the deploy role {arn} does not exist',
    'deploy-role.missing.fix.up': 'Run `hatoba up` to create it.',
    'deploy-role.missing.fix.role-arn':
      'Correct github.roleArn in hatoba.yml, or remove it so `hatoba up` creates the role.',
    'deploy-role.update.trust': "Update the role's trust policy (`hatoba policy` prints it and the commands).",
    'deploy-role.update.permissions':
      "Update the role's permissions policy (`hatoba policy` prints it and the commands).",

    'deploy-role.permissions': 'the deploy role may make every call a deploy needs (IAM policy simulator)',
    'deploy-role.permissions.missing.one': 'the deploy role may not make {count} call a deploy needs: {actions}',
    'deploy-role.permissions.missing': 'the deploy role may not make {count} calls a deploy needs: {actions}',
    'deploy-role.permissions.fix':
      'Run `hatoba up` to attach the generated policy, or add these actions (`hatoba policy` prints the policy).',
    'deploy-role.trust': 'the live trust policy lets in exactly the deploy runs of {repository}',
    'deploy-role.trust.refuses': 'the live trust policy {problems}',
    'deploy-role.trust.aud': 'requires aud {audiences}, not the configured {audience}',
    'deploy-role.trust.aud-none': 'requires aud to be something else, not the configured {audience}',
    'deploy-role.trust.sub': 'does not trust sub {sub}',
    'deploy-role.trust.broad': 'the live trust policy lets in more than the deploy runs',
    'deploy-role.trust.fix':
      'Run `hatoba up` to replace the trust policy with the generated one (`hatoba policy` prints it).',
    'deploy-role.workflows': 'every workflow that assumes the deploy role is let in by the live trust policy',
    'deploy-role.workflows.refused': 'a workflow would be refused by the live trust policy',

    stacks: '{name} is {status}, {drift}',
    'stacks.drift': 'drift {drift} as of {checked}',
    'stacks.drift-never': 'drift never checked',
    'stacks.missing': 'stack {name} does not exist (fine when the resources were made by hand)',
    'stacks.missing.fix': 'Run `hatoba up` to manage them with hatoba.',
    'stacks.in-progress': '{name} is {status}',
    'stacks.in-progress.fix': 'Wait for the operation to finish, then run doctor again.',
    'stacks.failed': '{name} is {status}',
    'stacks.failed.reason': '{name} is {status}: {reason}',
    'stacks.failed.fix':
      'Read why with `aws cloudformation describe-stack-events --stack-name {name}`, fix it, and run `hatoba up`.',
    'stacks.drifted': '{name} is {status}, but {drift}: resources were changed outside CloudFormation',
    'stacks.drifted.fix':
      'See what changed: aws cloudformation describe-stack-resource-drifts --stack-name {name}; then run `hatoba up` to put them back.',
  },
  ja: {
    'label.fix': '対処:',
    count: '正常 {ok}、{warnings}、失敗 {failed}',
    warning: '警告 {count}',
    warnings: '警告 {count}',
    none: 'なし',

    'could-not-check': 'チェックできませんでした: {error}',
    'could-not-check.denied': 'チェックできませんでした（AccessDenied）: {action} が必要です',
    'could-not-check.denied.unknown': 'チェックできませんでした（AccessDenied）: 不足している読み取り権限が必要です',
    'could-not-check.denied.fix':
      'doctor を実行する ID に {action} を許可してください（読み取り専用ポリシーの全体は docs/doctor.md にあります）。',
    'could-not-check.denied.fix.unknown':
      'doctor を実行する ID に docs/doctor.md に記載のアクションを許可してください（読み取り専用ポリシーの全体は docs/doctor.md にあります）。',

    credentials: 'アカウント {account}、リージョン {region} の {arn}',
    'credentials.caller': '呼び出し元',
    'credentials.unknown-identity': '不明な ID',
    'credentials.other-account': '認証情報はアカウント {account}（{arn}）のものですが、aws.account は {expected} です',
    'credentials.other-account.fix':
      'アカウント {expected} の認証情報を使う（AWS_PROFILE）か、hatoba.yml の aws.account を修正してください。',

    'oidc-provider': '{arn} は対象者 {audience} を受け付けます',
    'oidc-provider.missing': 'アカウント {account} に {host} の OIDC ID プロバイダーがありません',
    'oidc-provider.missing.fix':
      '`hatoba up` を実行する（プロバイダーを作成します）か、IAM → ID プロバイダーで対象者 sts.amazonaws.com を指定して追加してください。',
    'oidc-provider.audience': '{arn} が受け付ける対象者は {audiences} で、{audience} ではありません',
    'oidc-provider.audience.typo':
      '{arn} が受け付ける対象者は {audiences} で、{audience} ではありません（{typo} は sts.amazonaws.com の入力ミスです）',
    'oidc-provider.audience.fix':
      '対象者を追加してください: aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn {arn} --client-id {audience}',
    'oidc-provider.audience.fix.typo':
      '対象者を追加してから {typo} を削除してください: aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn {arn} --client-id {audience}',

    'deploy-role.missing': 'デプロイロール {arn} が存在しません',
    'deploy-role.missing.fix.up': '`hatoba up` を実行して作成してください。',
    'deploy-role.missing.fix.role-arn':
      'hatoba.yml の github.roleArn を修正するか、削除して `hatoba up` にロールを作成させてください。',
    'deploy-role.update.trust':
      'ロールの信頼ポリシーを更新してください（`hatoba policy` がポリシーとコマンドを表示します）。',
    'deploy-role.update.permissions':
      'ロールの許可ポリシーを更新してください（`hatoba policy` がポリシーとコマンドを表示します）。',

    'deploy-role.permissions':
      'デプロイロールはデプロイに必要なすべての呼び出しを実行できます（IAM ポリシーシミュレーター）',
    'deploy-role.permissions.missing.one':
      'デプロイロールはデプロイに必要な {count} 件の呼び出しを実行できません（AccessDenied になります）: {actions}',
    'deploy-role.permissions.missing':
      'デプロイロールはデプロイに必要な {count} 件の呼び出しを実行できません（AccessDenied になります）: {actions}',
    'deploy-role.permissions.fix':
      '`hatoba up` を実行して生成したポリシーをアタッチするか、これらのアクションを追加してください（`hatoba policy` がポリシーを表示します）。',
    'deploy-role.trust': '実際の信頼ポリシーは {repository} のデプロイ実行だけを許可しています',
    'deploy-role.trust.refuses': '実際の信頼ポリシーに問題があります: {problems}',
    'deploy-role.trust.aud': 'aud に {audiences} を要求しており、設定された {audience} ではありません',
    'deploy-role.trust.aud-none': 'aud に別の値を要求しており、設定された {audience} ではありません',
    'deploy-role.trust.sub': 'sub {sub} を信頼していません',
    'deploy-role.trust.broad': '実際の信頼ポリシーはデプロイ実行以外も許可しています',
    'deploy-role.trust.fix':
      '`hatoba up` を実行して、信頼ポリシーを生成したものに置き換えてください（`hatoba policy` で表示できます）。',
    'deploy-role.workflows': 'デプロイロールを引き受けるすべてのワークフローが実際の信頼ポリシーで許可されています',
    'deploy-role.workflows.refused':
      '実際の信頼ポリシーで拒否されるワークフローがあります（実行時に「Not authorized to perform sts:AssumeRoleWithWebIdentity」になります）',

    stacks: '{name} は {status} です。{drift}',
    'stacks.drift': 'ドリフト {drift}（{checked} 時点）',
    'stacks.drift-never': 'ドリフトは未確認',
    'stacks.missing': 'スタック {name} が存在しません（リソースを手作業で作成した場合は問題ありません）',
    'stacks.missing.fix': '`hatoba up` を実行して hatoba で管理してください。',
    'stacks.in-progress': '{name} は {status} です',
    'stacks.in-progress.fix': '操作の完了を待ってから、もう一度 doctor を実行してください。',
    'stacks.failed': '{name} は {status} です',
    'stacks.failed.reason': '{name} は {status} です: {reason}',
    'stacks.failed.fix':
      '`aws cloudformation describe-stack-events --stack-name {name}` で理由を確認して修正し、`hatoba up` を実行してください。',
    'stacks.drifted': '{name} は {status} ですが、{drift}: CloudFormation の外でリソースが変更されています',
    'stacks.drifted.fix':
      '変更内容を確認してください: aws cloudformation describe-stack-resource-drifts --stack-name {name}。その後 `hatoba up` を実行して元に戻してください。',
  },
});

export type DoctorKey = keyof (typeof DOCTOR)['en'];
