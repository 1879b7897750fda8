import { defineCatalogue } from '../catalogue.js';

/**
 * deploy and rollback (and rehearse and run, which report the same causes): the verdict, and each failure cause's
 * title and fix, keyed by the cause id `--json` prints. AWS's own text (stoppedReason, rolloutStateReason, target
 * health reasons) is never in here: it comes in a placeholder, verbatim.
 */
export const DEPLOY = defineCatalogue({
  en: {
    'outcome.succeeded': 'Deployed',
    'outcome.submitted': 'Submitted',
    'outcome.failed': 'Deploy failed',
    'outcome.rolled-back': 'Rolled back',
    'outcome.superseded': 'Superseded',
    'outcome.timed-out': 'Timed out',
    // The leading space is part of the English; Japanese brackets need none.
    after: ' after {duration}',
    'label.evidence': 'evidence:',
    'label.log-lines': 'log lines:',
    'label.logs': 'logs:',
    'label.fix': 'fix:',
    'label.more': 'more:',
    'label.waiting-on': 'waiting on:',
    'label.task': ' (task {taskId})',
    'ci.fix': 'Fix: {fix}',
    'ci.waiting-on': 'Waiting on: {waiting}',
    'ci.outcome': 'Outcome',
    'ci.environment': 'Environment',
    'ci.service': 'Service',
    'ci.image': 'Image',
    'ci.image-digest': 'Image digest',
    'ci.by-tag': '(deployed by tag)',
    'ci.revision': 'Revision',
    'ci.was': ' (was {previous})',
    'ci.duration': 'Duration',
    'ci.cause': 'Cause',
    'ci.fix-label': 'Fix',
    'ci.waiting-on-label': 'Waiting on',
    'ci.evidence': 'Evidence',
    'keeps-previous': 'The service keeps {previous} running; `hatoba rollback` cancels this rollout.',

    'waiting.describe-services': 'a successful DescribeServices call (last error: {error})',
    'waiting.describe-services.none': 'a successful DescribeServices call (last error: none)',
    'waiting.deployment':
      'deployment {deploymentId} (revision {revision}) to complete: {state}, {running}/{desired} running, {pending} pending',
    'waiting.old-deployment':
      'the old deployment {deploymentId} (revision {revision}) to stop its {running} running task(s)',
    'waiting.health-check': 'task {taskId} to pass the health check (now {health})',
    'waiting.last-stopped': '(last stopped task: {title})',

    'run.never-ran': 'task {taskId} never ran: {title}',
    'run.no-task': '(none)',

    'summary.rolled-back': 'rolled back to revision {revision} because {cause}',
    'summary.superseded': 'deployment {deploymentId} of revision {revision} started while this one was rolling out',
    'summary.succeeded': '{taskDefinition} is live: {running}/{desired} tasks running',
    'summary.timed-out': 'the deployment did not finish within {limit}',
    'summary.submitted': 'deployment {deploymentId} started; not waiting (follow it with `hatoba status`)',

    'architecture-mismatch.title': "The image was built for another CPU architecture than the task's ({architecture})",
    'architecture-mismatch.fix':
      "Build the image for {platform} (docker buildx build --platform {platform}; an Apple-silicon laptop builds linux/arm64 by default), or set ecs.architecture to the image's platform.",
    'container-exited.title.stopped': 'The application container stopped',
    'container-exited.title.zero': 'The application exited with code 0 (a service must keep running)',
    'container-exited.title': 'The application exited with code {exitCode}',
    'container-exited.title.sigkill': 'The application exited with code {exitCode} (killed: SIGKILL)',
    'container-exited.title.sigterm': 'The application exited with code {exitCode} (SIGTERM)',
    'container-exited.fix':
      "The container's last log lines say why: usually a missing environment variable or secret, a failed connection at start-up, or a crash. Reproduce locally with `hatoba rehearse`.",
    'container-health-check-failed.title': 'The container health check kept failing',
    'container-health-check-failed.fix':
      'Fix the HEALTHCHECK command or give the app a longer startPeriod; its log lines show what the app did meanwhile.',
    'container-start-failed.title': 'The container could not be started (entrypoint or command not runnable)',
    'container-start-failed.fix':
      'Check the image ENTRYPOINT/CMD: the executable must exist in the image and be executable by ecs.container.user; run the image locally with `hatoba rehearse`.',
    'deployment-failed.title': 'ECS marked the deployment as failed',
    'deployment-failed.title.reason': '{reason}',
    'deployment-failed.fix': 'Read the service events above; `hatoba status` shows the stopped tasks.',
    'health-check-failed.title': 'New tasks fail the load balancer health check',
    'health-check-failed.title.reason': 'New tasks fail the load balancer health check: {reason}',
    'health-check-failed.title.detail': 'New tasks fail the load balancer health check ({detail})',
    'health-check-failed.title.reason-detail': 'New tasks fail the load balancer health check: {reason} ({detail})',
    'health-check-failed.reason.Target.ResponseCodeMismatch': 'the health check got the wrong HTTP status',
    'health-check-failed.reason.Target.Timeout': 'the health check timed out',
    'health-check-failed.reason.Target.FailedHealthChecks': 'the load balancer could not connect to the container',
    'health-check-failed.fix.Target.ResponseCodeMismatch':
      'Make GET {path} answer 200–399 without authentication or redirects, or set ecs.container.healthCheckPath to a path that does.',
    'health-check-failed.fix.Target.Timeout':
      'Make the app listen on 0.0.0.0:{port} (ecs.container.port) and answer {path} within the timeout; check the task security group allows the load balancer.',
    'health-check-failed.fix.Target.FailedHealthChecks':
      'Make the app listen on 0.0.0.0:{port} (ecs.container.port), not 127.0.0.1 or another port; check in its log lines that it does not crash after start-up.',
    'health-check-failed.fix':
      'Make GET {path} on port {port} answer 200–399 soon after start-up; its log lines show what the app did.',
    'image-not-found.title': 'The image tag or digest does not exist in the repository',
    'image-not-found.fix':
      'Check that the build pushed the image you passed to --image (same repository, tag or digest), and that no ECR lifecycle rule expired it. Deploy by digest.',
    'image-platform.title': 'The image has no build for the CPU architecture the task runs on',
    'image-platform.fix':
      'Build for the platform in hatoba.yml (ecs.architecture X86_64 → linux/amd64, ARM64 → linux/arm64): docker buildx build --platform linux/amd64 …, or change ecs.architecture to match the image.',
    'image-pull-denied.title': 'The task execution role may not pull this image',
    'image-pull-denied.fix':
      'Give the execution role ecr:GetAuthorizationToken (on *), ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on the repository (`hatoba up` does), and deploy from the repository named in hatoba.yml.',
    'image-pull-failed.title': 'ECS could not pull the image',
    'image-pull-failed.fix':
      'Read the evidence: check the image reference, the execution role and the network path to the registry.',
    'image-pull-network.title': 'The task cannot reach the registry over the network',
    'image-pull-network.fix':
      'Give the task subnets a route to ECR: public subnets with network.assignPublicIp true, a NAT gateway, or VPC endpoints for ecr.api, ecr.dkr, S3 and logs; allow outbound 443 in the security group.',
    'log-group-missing.title': 'The CloudWatch Logs group of the task does not exist',
    'log-group-missing.fix':
      'Create the log group (`hatoba up` does) or let the execution role create it; its name is in the task definition (awslogs-group).',
    'out-of-memory.title': 'The container ran out of memory and was killed',
    'out-of-memory.title.exit': 'The container ran out of memory and was killed (exit {exitCode})',
    'out-of-memory.fix':
      'Raise ecs.memory in hatoba.yml (allowed sizes depend on ecs.cpu), or cap the runtime heap below it (Node: NODE_OPTIONS=--max-old-space-size=…; JVM: -XX:MaxRAMPercentage=75).',
    'registry-auth-denied.title': 'The task execution role may not log in to ECR',
    'registry-auth-denied.fix':
      'Attach ecr:GetAuthorizationToken (Resource *) to the task execution role, e.g. the managed AmazonECSTaskExecutionRolePolicy.',
    'registry-rate-limit.title': 'The registry refused the pull because of its rate limit',
    'registry-rate-limit.fix':
      'Push the image (and base images pulled at runtime) to your private ECR repository, or use an ECR pull-through cache.',
    'rollback-alarm.title': 'alarm {alarm} fired',
    'rollback-alarm.title.condition': 'alarm {alarm} ({condition}) fired',
    'rollback-alarm.fix':
      "The new revision passed its health checks but made {alarm} fire: read its log lines and the alarm's reason above, fix the application and deploy again. If the threshold is too tight for normal traffic, raise it under ecs.rollbackAlarms in hatoba.yml and run `hatoba up`.",
    'secret-not-found.title': 'A secret referenced in ecs.container.secrets does not exist',
    'secret-not-found.fix':
      'Fix the ARN in ecs.container.secrets (Region, account, name and the random suffix of Secrets Manager ARNs), or create the secret.',
    'secrets-access-denied.title': 'The task execution role may not read a secret it needs',
    'secrets-access-denied.fix':
      'Allow the execution role secretsmanager:GetSecretValue or ssm:GetParameters on the exact ARNs in ecs.container.secrets (and kms:Decrypt for a customer-managed key); `hatoba up` grants exactly these.',
    'stop-timeout.title':
      'The container ignored SIGTERM and was killed after its {seconds} s stop timeout (exit {exitCode})',
    'stop-timeout.fix':
      'Handle SIGTERM: stop accepting connections, finish in-flight requests, then exit. A process running as PID 1 has no default SIGTERM action, so without a handler it ignores the signal: use the exec form of CMD (no shell in between) and handle SIGTERM, or run an init process.',
    'task-init-failed.title': 'ECS could not prepare the task before starting the container',
    'task-init-failed.fix': 'The evidence names the resource ECS failed to fetch.',
    'task-network.title': 'The task cannot reach AWS endpoints (ECR, Secrets Manager, SSM or CloudWatch Logs)',
    'task-network.fix':
      'Give the task subnets a route out: public subnets with network.assignPublicIp true, a NAT gateway, or VPC endpoints for the services it needs; allow outbound 443.',
    'task-not-placed.title': 'ECS could not place the task',
    'task-not-placed.fix':
      'Read the evidence (RunTask failures[]): for Fargate capacity, run again later or let the service use subnets in more Availability Zones; for MISSING, check the cluster and task definition.',
    'task-role-invalid.title': 'ECS cannot assume the task or execution role of the new revision',
    'task-role-invalid.fix':
      'Check that both roles exist and trust ecs-tasks.amazonaws.com (`hatoba up` creates them), and that the deploy role may iam:PassRole them.',
    'task-stopped.title': 'Tasks of the new revision keep stopping',
    'task-stopped.fix': 'The stopped reason (evidence) and the service events say what ECS did.',
  },
  ja: {
    'outcome.succeeded': 'デプロイしました',
    'outcome.submitted': 'デプロイを開始しました',
    'outcome.failed': 'デプロイに失敗しました',
    'outcome.rolled-back': 'ロールバックしました',
    'outcome.superseded': '別のデプロイに置き換えられました',
    'outcome.timed-out': 'タイムアウトしました',
    after: '（所要時間 {duration}）',
    'label.evidence': '根拠:',
    'label.log-lines': 'ログ:',
    'label.logs': 'ログ:',
    'label.fix': '対処:',
    'label.more': '詳細:',
    'label.waiting-on': '待機中:',
    'label.task': '（タスク {taskId}）',
    'ci.fix': '対処: {fix}',
    'ci.waiting-on': '待機中: {waiting}',
    'ci.outcome': '結果',
    'ci.environment': '環境',
    'ci.service': 'サービス',
    'ci.image': 'イメージ',
    'ci.image-digest': 'イメージのダイジェスト',
    'ci.by-tag': '（タグでデプロイ）',
    'ci.revision': 'リビジョン',
    'ci.was': '（以前は {previous}）',
    'ci.duration': '所要時間',
    'ci.cause': '原因',
    'ci.fix-label': '対処',
    'ci.waiting-on-label': '待機中',
    'ci.evidence': '根拠',
    'keeps-previous':
      'サービスは引き続き {previous} を実行しています。`hatoba rollback` でこのロールアウトを取り消せます。',

    'waiting.describe-services': 'DescribeServices の呼び出しの成功（最後のエラー: {error}）',
    'waiting.describe-services.none': 'DescribeServices の呼び出しの成功（最後のエラー: なし）',
    'waiting.deployment':
      'デプロイ {deploymentId}（リビジョン {revision}）の完了: {state}、{running}/{desired} 実行中、{pending} 保留中',
    'waiting.old-deployment': '古いデプロイ {deploymentId}（リビジョン {revision}）の実行中のタスク {running} 個の停止',
    'waiting.health-check': 'タスク {taskId} のヘルスチェック合格（現在 {health}）',
    'waiting.last-stopped': '（最後に停止したタスク: {title}）',

    'run.never-ran': 'タスク {taskId} は実行されませんでした: {title}',
    'run.no-task': '（なし）',

    'summary.rolled-back': 'リビジョン {revision} にロールバックされました。原因: {cause}',
    'summary.superseded': 'このロールアウト中に、リビジョン {revision} のデプロイ {deploymentId} が開始されました',
    'summary.succeeded': '{taskDefinition} が稼働中です: {running}/{desired} タスクが実行中',
    'summary.timed-out': 'デプロイが {limit} 以内に完了しませんでした',
    'summary.submitted': 'デプロイ {deploymentId} を開始しました。完了は待ちません（`hatoba status` で追跡できます）',

    'architecture-mismatch.title':
      'イメージがタスクとは別の CPU アーキテクチャ（{architecture}）向けにビルドされています',
    'architecture-mismatch.fix':
      'イメージを {platform} 向けにビルドする（docker buildx build --platform {platform}。Apple シリコンの PC はデフォルトで linux/arm64 をビルドします）か、ecs.architecture をイメージのプラットフォームに合わせてください。',
    'container-exited.title.stopped': 'アプリケーションのコンテナが停止しました',
    'container-exited.title.zero': 'アプリケーションがコード 0 で終了しました（サービスは動き続ける必要があります）',
    'container-exited.title': 'アプリケーションがコード {exitCode} で終了しました',
    'container-exited.title.sigkill': 'アプリケーションがコード {exitCode} で終了しました（SIGKILL で強制終了）',
    'container-exited.title.sigterm': 'アプリケーションがコード {exitCode} で終了しました（SIGTERM）',
    'container-exited.fix':
      'コンテナの最後のログに理由が出ています。多くは環境変数やシークレットの不足、起動時の接続失敗、クラッシュです。`hatoba rehearse` でローカルに再現できます。',
    'container-health-check-failed.title': 'コンテナのヘルスチェックが失敗し続けました',
    'container-health-check-failed.fix':
      'HEALTHCHECK コマンドを修正するか、アプリの startPeriod を長くしてください。その間のアプリの動作はログで確認できます。',
    'container-start-failed.title': 'コンテナを起動できませんでした（エントリポイントまたはコマンドを実行できません）',
    'container-start-failed.fix':
      'イメージの ENTRYPOINT/CMD を確認してください。実行ファイルがイメージ内に存在し、ecs.container.user で実行できる必要があります。`hatoba rehearse` でイメージをローカルで実行できます。',
    'deployment-failed.title': 'ECS がデプロイを失敗と判定しました',
    'deployment-failed.title.reason': 'ECS がデプロイを失敗と判定しました（{reason}）',
    'deployment-failed.fix':
      '上のサービスイベントを確認してください。停止したタスクは `hatoba status` で確認できます。',
    'health-check-failed.title': '新しいタスクがロードバランサーのヘルスチェックに失敗しています',
    'health-check-failed.title.reason': '新しいタスクがロードバランサーのヘルスチェックに失敗しています: {reason}',
    'health-check-failed.title.detail': '新しいタスクがロードバランサーのヘルスチェックに失敗しています（{detail}）',
    'health-check-failed.title.reason-detail':
      '新しいタスクがロードバランサーのヘルスチェックに失敗しています: {reason}（{detail}）',
    'health-check-failed.reason.Target.ResponseCodeMismatch':
      'ヘルスチェックが想定外の HTTP ステータスを受け取りました',
    'health-check-failed.reason.Target.Timeout': 'ヘルスチェックがタイムアウトしました',
    'health-check-failed.reason.Target.FailedHealthChecks': 'ロードバランサーがコンテナに接続できませんでした',
    'health-check-failed.fix.Target.ResponseCodeMismatch':
      'GET {path} が認証やリダイレクトなしで 200～399 を返すようにするか、ecs.container.healthCheckPath をそうしたパスに設定してください。',
    'health-check-failed.fix.Target.Timeout':
      'アプリが 0.0.0.0:{port}（ecs.container.port）で待ち受け、タイムアウト内に {path} に応答するようにしてください。タスクのセキュリティグループがロードバランサーからの通信を許可しているかも確認してください。',
    'health-check-failed.fix.Target.FailedHealthChecks':
      'アプリが 127.0.0.1 や別のポートではなく 0.0.0.0:{port}（ecs.container.port）で待ち受けるようにしてください。起動後にクラッシュしていないかログで確認してください。',
    'health-check-failed.fix':
      '起動後すぐに、ポート {port} の GET {path} が 200～399 を返すようにしてください。アプリの動作はログで確認できます。',
    'image-not-found.title': 'イメージのタグまたはダイジェストがリポジトリに存在しません',
    'image-not-found.fix':
      '--image に渡したイメージ（同じリポジトリ、タグまたはダイジェスト）をビルドがプッシュしたか、ECR のライフサイクルルールで削除されていないかを確認してください。ダイジェストでデプロイしてください。',
    'image-platform.title': 'タスクが動作する CPU アーキテクチャ向けのビルドがイメージにありません',
    'image-platform.fix':
      'hatoba.yml のプラットフォーム（ecs.architecture X86_64 → linux/amd64、ARM64 → linux/arm64）向けにビルドする（docker buildx build --platform linux/amd64 …）か、ecs.architecture をイメージに合わせてください。',
    'image-pull-denied.title': 'タスク実行ロールにこのイメージをプルする権限がありません',
    'image-pull-denied.fix':
      '実行ロールに ecr:GetAuthorizationToken（* に対して）と、リポジトリに対する ecr:BatchGetImage および ecr:GetDownloadUrlForLayer を付与し（`hatoba up` が付与します）、hatoba.yml に書かれたリポジトリからデプロイしてください。',
    'image-pull-failed.title': 'ECS がイメージをプルできませんでした',
    'image-pull-failed.fix':
      '根拠を確認してください。イメージの参照、実行ロール、レジストリまでのネットワーク経路を確認してください。',
    'image-pull-network.title': 'タスクがネットワーク経由でレジストリに到達できません',
    'image-pull-network.fix':
      'タスクのサブネットに ECR への経路を用意してください: network.assignPublicIp true のパブリックサブネット、NAT ゲートウェイ、または ecr.api、ecr.dkr、S3、logs の VPC エンドポイント。セキュリティグループでアウトバウンドの 443 を許可してください。',
    'log-group-missing.title': 'タスクの CloudWatch Logs ロググループが存在しません',
    'log-group-missing.fix':
      'ロググループを作成する（`hatoba up` が作成します）か、実行ロールに作成させてください。名前はタスク定義（awslogs-group）にあります。',
    'out-of-memory.title': 'コンテナがメモリ不足になり強制終了されました',
    'out-of-memory.title.exit': 'コンテナがメモリ不足になり強制終了されました（exit {exitCode}）',
    'out-of-memory.fix':
      'hatoba.yml の ecs.memory を増やす（指定できるサイズは ecs.cpu によって決まります）か、ランタイムのヒープをそれより小さく制限してください（Node: NODE_OPTIONS=--max-old-space-size=…、JVM: -XX:MaxRAMPercentage=75）。',
    'registry-auth-denied.title': 'タスク実行ロールに ECR へログインする権限がありません',
    'registry-auth-denied.fix':
      'タスク実行ロールに ecr:GetAuthorizationToken（Resource *）をアタッチしてください。たとえばマネージドポリシー AmazonECSTaskExecutionRolePolicy です。',
    'registry-rate-limit.title': 'レジストリのレート制限によりプルが拒否されました',
    'registry-rate-limit.fix':
      'イメージ（と実行時にプルするベースイメージ）をプライベートの ECR リポジトリにプッシュするか、ECR のプルスルーキャッシュを使ってください。',
    'rollback-alarm.title': 'アラーム {alarm} が発報しました',
    'rollback-alarm.title.condition': 'アラーム {alarm}（{condition}）が発報しました',
    'rollback-alarm.fix':
      '新しいリビジョンはヘルスチェックに合格しましたが、{alarm} を発報させました。ログと上のアラームの理由を確認し、アプリケーションを修正して再度デプロイしてください。しきい値が通常のトラフィックに対して厳しすぎる場合は、hatoba.yml の ecs.rollbackAlarms で緩めて `hatoba up` を実行してください。',
    'secret-not-found.title': 'ecs.container.secrets で参照しているシークレットが存在しません',
    'secret-not-found.fix':
      'ecs.container.secrets の ARN（リージョン、アカウント、名前、Secrets Manager の ARN 末尾のランダムな文字列）を修正するか、シークレットを作成してください。',
    'secrets-access-denied.title': 'タスク実行ロールに必要なシークレットを読み取る権限がありません',
    'secrets-access-denied.fix':
      '実行ロールに、ecs.container.secrets の ARN そのものに対する secretsmanager:GetSecretValue または ssm:GetParameters を許可してください（カスタマーマネージドキーなら kms:Decrypt も）。`hatoba up` はちょうどこれらを付与します。',
    'stop-timeout.title':
      'コンテナが SIGTERM を無視し、停止タイムアウト {seconds} 秒の後に強制終了されました（exit {exitCode}）',
    'stop-timeout.fix':
      'SIGTERM を処理してください: 新しい接続の受け付けをやめ、処理中のリクエストを終えてから終了します。PID 1 で動くプロセスには SIGTERM のデフォルト動作がないため、ハンドラーがなければシグナルは無視されます。CMD を exec 形式（間にシェルを挟まない）にして SIGTERM を処理するか、init プロセスを使ってください。',
    'task-init-failed.title': 'ECS がコンテナ起動前のタスクの準備に失敗しました',
    'task-init-failed.fix': 'ECS が取得に失敗したリソースは根拠に書かれています。',
    'task-network.title': 'タスクが AWS のエンドポイント（ECR、Secrets Manager、SSM、CloudWatch Logs）に到達できません',
    'task-network.fix':
      'タスクのサブネットに外への経路を用意してください: network.assignPublicIp true のパブリックサブネット、NAT ゲートウェイ、または必要なサービスの VPC エンドポイント。アウトバウンドの 443 を許可してください。',
    'task-not-placed.title': 'ECS がタスクを配置できませんでした',
    'task-not-placed.fix':
      '根拠（RunTask の failures[]）を確認してください。Fargate の容量不足なら後で再実行するか、より多くのアベイラビリティーゾーンのサブネットを使えるようにしてください。MISSING ならクラスターとタスク定義を確認してください。',
    'task-role-invalid.title': 'ECS が新しいリビジョンのタスクロールまたは実行ロールを引き受けられません',
    'task-role-invalid.fix':
      '両方のロールが存在し ecs-tasks.amazonaws.com を信頼していること（`hatoba up` が作成します）、そしてデプロイロールがそれらに iam:PassRole できることを確認してください。',
    'task-stopped.title': '新しいリビジョンのタスクが停止し続けています',
    'task-stopped.fix': 'ECS が何をしたかは、停止理由（根拠）とサービスイベントに書かれています。',
  },
});

export type DeployKey = keyof (typeof DEPLOY)['en'];
