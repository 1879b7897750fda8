import { defineCatalogue } from '../catalogue.js';

/**
 * `hatoba doctor`: each check's findings and fixes, keyed by the check id `--json` prints (`<id>` when it passes,
 * `<id>.<what>` otherwise). AWS's own words (stack status reasons, error messages) come in placeholders, verbatim.
 */
export const DOCTOR = defineCatalogue({
  en: {
    'label.fix': 'fix:',
    annotation: '{message}. {fix}',
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
    'credentials.other-account.environment':
      "the credentials are for account {account} ({arn}), but environment {environment}'s aws.account is {expected}",
    'credentials.other-account.fix':
      'Use credentials for account {expected} (AWS_PROFILE), or correct aws.account in hatoba.yml.',

    'push-role.missing': 'the push role {arn} does not exist',
    'push-role.missing.fix': 'Run `hatoba up` for an environment in this account.',
    'push-role.trust.build-denied': "does not trust the build job's sub {sub}",
    'push-role.trust.deploy-allowed': "lets in the deploy job's sub {sub}",
    'push-role.trust.refuses': "the push role's trust policy {problems}",
    'push-role.trust.fix':
      'Run `hatoba up` to replace it with the generated one (the build job: branches and tags, never an environment).',
    'push-role.trust': '{arn} lets in the build job of {repository} and no deploy job',

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

    'deploy-role.extra-permissions': "the deploy role's policies grant nothing beyond what a deploy needs",
    'deploy-role.extra-permissions.found.one':
      "the deploy role's policies grant {count} action a deploy does not need: {actions}",
    'deploy-role.extra-permissions.found':
      "the deploy role's policies grant {count} actions a deploy does not need: {actions}",
    'deploy-role.extra-permissions.fix':
      'Remove them, so a compromised workflow can do no more than deploy (`hatoba policy` prints what is needed).',

    'ecr.repository': '{uri} ({mutability})',
    'ecr.repository.missing': 'repository {name} does not exist',
    'create-with-up': 'Run `hatoba up` to create it.',
    'ecr.cache-tag': 'the build cache tag the workflows export can move',
    'ecr.scan-on-push': 'images are scanned on push',
    'ecr.scan-on-push.off': 'scan on push is off, as hatoba.yml says',
    'ecr.scan-on-push.missing': '{name} does not scan images on push, but ecr.scanOnPush is true',
    'ecr.scan-on-push.fix':
      'aws ecr put-image-scanning-configuration --repository-name {name} --image-scanning-configuration scanOnPush=true (or run `hatoba up`).',
    'ecr.lifecycle': '{name} has a lifecycle policy',
    'ecr.lifecycle.missing': '{name} has no lifecycle policy: every image pushed is kept (and billed) forever',
    'ecr.lifecycle.fix': 'Run `hatoba up` (it sets one that keeps the recent images and expires the build cache).',
    'ecr.platform.empty': '{name} holds no image yet',
    'ecr.platform.unknown': 'platform of {image} unknown (a single-platform manifest names it only in its config blob)',
    'ecr.platform.unknown.fix': 'Make sure the image is built for {wanted} (docker buildx build --platform {wanted}).',
    'ecr.platform': '{image} has a {wanted} image',
    'ecr.platform.other': '{image} is built for {platforms}, but ecs.architecture {architecture} runs {wanted}',
    'ecr.platform.none': 'no platform',
    'ecr.platform.fix':
      'Build for {wanted} (docker buildx build --platform {wanted}), or set ecs.architecture to match the image.',

    'ecs.cluster': 'cluster {cluster} is ACTIVE',
    'ecs.cluster.missing': 'cluster {cluster} does not exist (or is not ACTIVE)',
    'ecs.service.missing': 'service {cluster}/{service} does not exist (or is not ACTIVE)',
    'ecs.circuit-breaker': 'the deployment circuit breaker is on, with rollback',
    'ecs.circuit-breaker.no-rollback':
      'the deployment circuit breaker is on without rollback: a broken revision keeps replacing tasks instead of rolling back',
    'ecs.circuit-breaker.off':
      'the deployment circuit breaker is off: a broken revision keeps replacing tasks instead of rolling back',
    'ecs.circuit-breaker.fix':
      'aws ecs update-service --cluster {cluster} --service {service} --deployment-configuration "deploymentCircuitBreaker={enable=true,rollback=true}" (or run `hatoba up`).',
    'ecs.tasks': '{running}/{desired} tasks running',
    'ecs.tasks.fix': '`hatoba status` shows the recently stopped tasks and why they stopped.',
    'ecs.rollout': 'the last deployment is {state}',
    'ecs.rollout.settled': 'the last deployment is settled',
    'ecs.rollout.failed': 'the last deployment FAILED',
    'ecs.rollout.failed.reason': 'the last deployment FAILED: {reason}',
    'ecs.rollout.failed.fix': 'Run `hatoba status`, fix the cause, and deploy again.',
    'ecs.rollout.in-progress': 'a deployment is IN_PROGRESS',
    'ecs.rollout.in-progress.reason': 'a deployment is IN_PROGRESS: {reason}',
    'ecs.rollout.in-progress.fix': 'Wait for it; `hatoba status` follows it.',
    'alb.health-check': 'target group health check: {path} every {interval} s',
    'alb.health-check.no-target-group': 'the service is not attached to a target group',
    'alb.health-check.differs': "the target group's health check differs: {differences}",
    'alb.health-check.fix': 'Run `hatoba up` to apply hatoba.yml.',
    'alb.targets': '{healthy}/{total} targets healthy',
    'alb.targets.fix': '`hatoba status` shows the tasks; check that the container answers {path} on port {port}.',
    'logs.group': 'log group {name} exists',
    'logs.group.missing':
      'log group {name} does not exist: tasks fail to start (ResourceInitializationError) and their output is lost',

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
    annotation: '{message}。{fix}',
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
    'credentials.other-account.environment':
      '認証情報はアカウント {account}（{arn}）のものですが、環境 {environment} の aws.account は {expected} です',
    'credentials.other-account.fix':
      'アカウント {expected} の認証情報を使う（AWS_PROFILE）か、hatoba.yml の aws.account を修正してください。',

    'push-role.missing': 'プッシュ用ロール {arn} がありません',
    'push-role.missing.fix': 'このアカウントにある環境について `hatoba up` を実行してください。',
    'push-role.trust.build-denied': 'ビルドジョブの sub {sub} を信頼していません',
    'push-role.trust.deploy-allowed': 'デプロイジョブの sub {sub} を受け入れてしまいます',
    'push-role.trust.refuses': 'プッシュ用ロールの信頼ポリシーは {problems}',
    'push-role.trust.fix':
      '`hatoba up` を実行して、生成された信頼ポリシー（ビルドジョブ: ブランチとタグだけ、環境は含めない）に置き換えてください。',
    'push-role.trust': '{arn} は {repository} のビルドジョブを受け入れ、デプロイジョブは受け入れません',

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

    'deploy-role.extra-permissions': 'デプロイロールのポリシーはデプロイに必要な範囲を超える権限を付与していません',
    'deploy-role.extra-permissions.found.one':
      'デプロイロールのポリシーは、デプロイに不要な {count} 個のアクションを付与しています: {actions}',
    'deploy-role.extra-permissions.found':
      'デプロイロールのポリシーは、デプロイに不要な {count} 個のアクションを付与しています: {actions}',
    'deploy-role.extra-permissions.fix':
      '侵害されたワークフローがデプロイ以上のことをできないよう、これらを削除してください（必要なものは `hatoba policy` が表示します）。',

    'ecr.repository': '{uri}（{mutability}）',
    'ecr.repository.missing': 'リポジトリ {name} が存在しません',
    'create-with-up': '`hatoba up` を実行して作成してください。',
    'ecr.cache-tag': 'ワークフローがエクスポートするビルドキャッシュのタグは移動できます',
    'ecr.scan-on-push': 'プッシュ時にイメージがスキャンされます',
    'ecr.scan-on-push.off': 'hatoba.yml のとおり、プッシュ時のスキャンはオフです',
    'ecr.scan-on-push.missing': '{name} はプッシュ時にイメージをスキャンしませんが、ecr.scanOnPush は true です',
    'ecr.scan-on-push.fix':
      'aws ecr put-image-scanning-configuration --repository-name {name} --image-scanning-configuration scanOnPush=true を実行してください（または `hatoba up` を実行してください）。',
    'ecr.lifecycle': '{name} にはライフサイクルポリシーがあります',
    'ecr.lifecycle.missing':
      '{name} にはライフサイクルポリシーがありません。プッシュしたイメージはすべて永久に保持（および課金）されます',
    'ecr.lifecycle.fix':
      '`hatoba up` を実行してください（最近のイメージを残し、ビルドキャッシュを期限切れにするポリシーを設定します）。',
    'ecr.platform.empty': '{name} にはまだイメージがありません',
    'ecr.platform.unknown':
      '{image} のプラットフォームは不明です（単一プラットフォームのマニフェストは config blob にしか記載しません）',
    'ecr.platform.unknown.fix':
      'イメージが {wanted} 向けにビルドされていることを確認してください（docker buildx build --platform {wanted}）。',
    'ecr.platform': '{image} には {wanted} のイメージがあります',
    'ecr.platform.other':
      '{image} は {platforms} 向けにビルドされていますが、ecs.architecture {architecture} は {wanted} で動作します',
    'ecr.platform.none': 'プラットフォームなし',
    'ecr.platform.fix':
      '{wanted} 向けにビルドする（docker buildx build --platform {wanted}）か、ecs.architecture をイメージに合わせてください。',

    'ecs.cluster': 'クラスター {cluster} は ACTIVE です',
    'ecs.cluster.missing': 'クラスター {cluster} が存在しません（または ACTIVE ではありません）',
    'ecs.service.missing': 'サービス {cluster}/{service} が存在しません（または ACTIVE ではありません）',
    'ecs.circuit-breaker': 'デプロイのサーキットブレーカーはロールバック付きで有効です',
    'ecs.circuit-breaker.no-rollback':
      'デプロイのサーキットブレーカーはロールバックなしで有効です。壊れたリビジョンがロールバックされず、タスクを置き換え続けます',
    'ecs.circuit-breaker.off':
      'デプロイのサーキットブレーカーが無効です。壊れたリビジョンがロールバックされず、タスクを置き換え続けます',
    'ecs.circuit-breaker.fix':
      'aws ecs update-service --cluster {cluster} --service {service} --deployment-configuration "deploymentCircuitBreaker={enable=true,rollback=true}" を実行してください（または `hatoba up` を実行してください）。',
    'ecs.tasks': '{running}/{desired} タスクが実行中です',
    'ecs.tasks.fix': '最近停止したタスクとその理由は `hatoba status` で確認できます。',
    'ecs.rollout': '最後のデプロイは {state} です',
    'ecs.rollout.settled': '最後のデプロイは完了しています',
    'ecs.rollout.failed': '最後のデプロイは FAILED です',
    'ecs.rollout.failed.reason': '最後のデプロイは FAILED です: {reason}',
    'ecs.rollout.failed.fix': '`hatoba status` を実行し、原因を修正してから再度デプロイしてください。',
    'ecs.rollout.in-progress': 'デプロイが IN_PROGRESS です',
    'ecs.rollout.in-progress.reason': 'デプロイが IN_PROGRESS です: {reason}',
    'ecs.rollout.in-progress.fix': '完了を待ってください。`hatoba status` で追跡できます。',
    'alb.health-check': 'ターゲットグループのヘルスチェック: {path} を {interval} 秒ごと',
    'alb.health-check.no-target-group': 'サービスがターゲットグループに登録されていません',
    'alb.health-check.differs': 'ターゲットグループのヘルスチェックが異なります: {differences}',
    'alb.health-check.fix': '`hatoba up` を実行して hatoba.yml を適用してください。',
    'alb.targets': '{healthy}/{total} ターゲットが正常です',
    'alb.targets.fix':
      'タスクは `hatoba status` で確認できます。コンテナがポート {port} で {path} に応答するか確認してください。',
    'logs.group': 'ロググループ {name} は存在します',
    'logs.group.missing':
      'ロググループ {name} が存在しません。タスクは起動に失敗し（ResourceInitializationError）、出力は失われます',

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
