import { defineCatalogue } from '../catalogue.js';

/**
 * hatoba.yml problems and the errors every command can print: the frame of an invalid file, zod's generic problem
 * forms, the most common usage errors, and AWS's access-denied and rejected-credential errors (src/aws/errors.ts). Keys (dotted paths), values, flags and commands stay as written.
 * The custom rules of src/config/schema.ts hit most often are here (`schema.*`), and every rule between environments
 * (`environments.*`, src/config/environment-rules.ts); the other custom rules are still English.
 */
export const CONFIG = defineCatalogue({
  en: {
    'label.error': 'error:',
    'label.hint': 'hint:',
    'config.invalid': '{file} is invalid ({count}):\n{problems}',
    'config.count.one': '{total} problem',
    'config.count': '{total} problems',
    'config.count.cut': '{total} problems, the first {shown} shown',
    'config.problem': '  {path}: {message}',
    'config.problem.line': '  line {line}: {path}: {message}',
    'config.file': '(file)',
    'config.invalid.hint': 'Fix the keys above; `hatoba config schema` prints every key with its rules.',
    'config.valid': '{path} is valid',
    'config.set-by': '{key} set by {name}',

    'environments.github-environment':
      'cannot be combined with `environments`: each environment names its own GitHub environment (environments.NAME.github.environment, default NAME); remove github.environment',
    'environments.role-arn':
      'cannot be combined with `environments`: hatoba creates one deploy role per environment, each trusted by its GitHub environment only; remove github.roleArn',
    'environments.no-branches':
      'with `environments`, the build job runs on pushes to these branches (or tags); give at least one',
    'environments.name-too-long':
      '{name} (app-environment) is {length} characters; it names roles and stacks, so app and environment name together must stay within {maximum}: shorten one',
    'environments.partition':
      "{region} is in partition {partition}, the build account's aws.region {buildRegion} in {buildPartition}: an image cannot be pulled across partitions; keep every environment in {buildPartition}",
    'environments.pattern': "{name} is a pattern: each environment's role trusts exactly one GitHub environment",
    'environments.shared-github-environment':
      "GitHub environment {name} is also environment {other}'s: a token of one could then assume the other's deploy role; give each environment its own GitHub environment",
    'environments.same-service':
      'environments {first} and {second} would both be service {service} of cluster {cluster} in {account} {region}; give one its own ecs.cluster or ecs.service',
    'environments.build-account':
      "{account} (the build account, which holds the image repository) hosts none of the environments: `hatoba up --environment NAME` in that account creates the repository; set one environment's aws.account to it, or make aws.account the account of the first environment",

    'problem.not-yaml': 'not valid YAML: {error}',
    'problem.duplicate-key': 'duplicate key (first on line {line}); give each key once',
    'problem.not-mapping': 'must be a mapping of keys (app, github, aws, …)',
    'problem.aliases':
      'aliases (*name) expand to too much data (a YAML "billion laughs" document); hatoba.yml needs no aliases',
    'problem.unknown-key': 'unknown key (see `hatoba config schema` for the keys allowed here)',
    'problem.not-one-of': '{value} is not one of {values}',
    'problem.not-allowed': '{value} is not allowed',
    'problem.required': 'is required',
    'problem.expected': 'expected {expected}, got {value}',
    'problem.too-few.one': 'needs at least {minimum} entry',
    'problem.too-few': 'needs at least {minimum} entries',
    'problem.below-minimum': '{value} is below the minimum {minimum}',
    'problem.above-maximum': '{value} is above the maximum {maximum}',
    'problem.from': '{problem} (from {name})',
    'problem.list': '{problems}',
    'problem.verbatim': '{text}',

    'no-config': 'No hatoba.yml in {cwd} or any parent directory',
    'no-config.hint': 'Run `hatoba init` to create one, or pass --config FILE.',
    'config-missing': '{origin}: {path} does not exist',
    'config-missing.hint': 'Pass the path of your hatoba.yml.',
    'schema.account': '{value} is not an AWS account id (exactly 12 digits)',
    'schema.region': '{value} is not an AWS Region with Fargate (e.g. us-east-1, ap-northeast-1)',
    'schema.nothing-trusted': 'nothing would be trusted: give at least one branch, tag pattern or an environment',
    'schema.secret-in-environment':
      '{name} must never be a plain environment variable: use ecs.container.secrets with a Secrets Manager ARN',
    'schema.environment-and-secret': '{name} is set in both environment and secrets; keep only one',
    'schema.scaling-min-max': 'min {min} is above max {max}; set min ≤ max',
    'schema.scaling-metric': 'auto scaling needs a metric: set cpuPercent, requestsPerTarget, or both',
    'aws.no-credentials':
      'no AWS credentials found: no AWS_PROFILE, no AWS_ACCESS_KEY_ID, no ~/.aws/config or ~/.aws/credentials, no web identity token file or container credentials, and this is not an EC2 instance',
    'aws.unusable-credentials': 'no usable AWS credentials: {message}',
    'aws.credentials.hint':
      'Set AWS_PROFILE to a profile from `aws configure` or `aws configure sso` (then `aws sso login`), or export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; in GitHub Actions, run aws-actions/configure-aws-credentials before hatoba.',
    'aws.region-disabled': '{where}: the Region is not enabled for this account ({name}): {message}',
    'aws.region-disabled.hint':
      'Enable the Region (AWS console → Account → AWS Regions; for STS: IAM → Account settings), or set aws.region / --region to an enabled one.',
    'aws.no-answer': '{where}: the endpoint did not answer',
    'aws.no-answer.within': '{where}: the endpoint did not answer within {seconds} s',
    'aws.no-answer.hint':
      'Check the network (proxy, VPN, firewall) and any AWS_ENDPOINT_URL* variable; on a slow link raise {variable} (seconds).',
    'aws.unreachable': '{where}: could not reach the endpoint ({code})',
    'aws.unreachable.host': '{where}: could not reach the endpoint {host} ({code})',
    'aws.unreachable.dns.hint':
      'Check the network and DNS, the Region (aws.region / --region) and any AWS_ENDPOINT_URL* variable.',
    'aws.unreachable.hint': 'Check the network (proxy, VPN, firewall) and any AWS_ENDPOINT_URL* variable.',
    'aws.throttled': '{where} kept throttling the requests after retries ({name})',
    'aws.throttled.hint':
      'Wait a minute and run the command again; if it persists, look for other tools calling the same API.',
    'aws.refused': '{where} refused the request ({name}): {message}',
    'aws.refused.hint':
      'The message names what AWS would not accept; change that value in hatoba.yml or the flags, then run again.',
    'aws.server-fault': "{where} failed on AWS's side after retries ({name}): {message}",
    'aws.server-fault.hint': 'Run the command again in a few minutes; check the AWS Health Dashboard if it persists.',
    'aws.access-denied': '{where}: access denied: {principal} may not call {action}',
    'aws.access-denied.resource': '{where}: access denied: {principal} may not call {action} on {resource}',
    'aws.access-denied.raw': '{where}: access denied ({name}): {message}',
    'aws.access-denied.hint':
      "Allow {action} for that identity (`hatoba policy` prints the deploy role's policy), or use credentials of an identity that has it (AWS_PROFILE).",
    'aws.access-denied.raw.hint':
      "Use credentials of an identity allowed to make this call (`hatoba policy` prints the deploy role's policy).",
    'aws.rejected': '{where} rejected the credentials ({name}): {message}',
    'aws.rejected.opt-in.hint':
      'Get fresh credentials (`aws sso login`, `aws configure`, or a new configure-aws-credentials step in Actions). If they are fresh, the Region may be an opt-in Region not enabled for this account: enable it (AWS console → Account → AWS Regions) or set aws.region / --region.',
    'aws.rejected.hint':
      "Get fresh credentials (`aws sso login`, `aws configure`, or a new configure-aws-credentials step in Actions), and check this machine's clock.",
    'environment.none': '{origin} {name}: {file} has no `environments`',
    'environment.none.hint': 'Leave {origin} out, or add an `environments` map to {file} (see docs/environments.md).',
    'environment.which': '{file} has {count} environments ({names}); say which one',
    'environment.which.hint': 'Pass --environment {first} (or set HATOBA_ENVIRONMENT).',
    'environment.unknown': '{origin} {name}: {file} has no environment {quoted} (it has {names})',
    'environment.unknown.hint': 'Pass one of: {choices}.',
  },
  ja: {
    'label.error': 'エラー:',
    'label.hint': 'ヒント:',
    'config.invalid': '{file} が正しくありません（{count}）:\n{problems}',
    'config.count.one': '問題 {total} 件',
    'config.count': '問題 {total} 件',
    'config.count.cut': '問題 {total} 件、最初の {shown} 件を表示',
    'config.problem': '  {path}: {message}',
    'config.problem.line': '  {line} 行目: {path}: {message}',
    'config.file': '（ファイル全体）',
    'config.invalid.hint':
      '上のキーを修正してください。`hatoba config schema` がすべてのキーとそのルールを表示します。',
    'config.valid': '{path} は正しい設定です',
    'config.set-by': '{key} は {name} で設定されています',

    'environments.github-environment':
      '`environments` とは併用できません。各環境が自分の GitHub の環境を指定します（environments.NAME.github.environment、既定は NAME）。github.environment を削除してください',
    'environments.role-arn':
      '`environments` とは併用できません。hatoba は環境ごとにデプロイ用ロールを作成し、それぞれその GitHub の環境だけを信頼させます。github.roleArn を削除してください',
    'environments.no-branches':
      '`environments` があるとき、ビルドジョブはこれらのブランチ（またはタグ）への push で実行されます。少なくとも一つ指定してください',
    'environments.name-too-long':
      '{name}（app-環境名）は {length} 文字です。ロールやスタックの名前になるため、app と環境名を合わせて {maximum} 文字以内にしてください。どちらかを短くしてください',
    'environments.partition':
      '{region} はパーティション {partition} にありますが、ビルド用アカウントの aws.region {buildRegion} は {buildPartition} にあります。パーティションをまたいでイメージを pull することはできません。すべての環境を {buildPartition} に置いてください',
    'environments.pattern': '{name} はパターンです。各環境のロールはちょうど一つの GitHub の環境だけを信頼します',
    'environments.shared-github-environment':
      'GitHub の環境 {name} は環境 {other} のものでもあります。一方のトークンがもう一方のデプロイ用ロールを引き受けられてしまいます。環境ごとに別の GitHub の環境を指定してください',
    'environments.same-service':
      '環境 {first} と {second} が、どちらも {account} {region} のクラスター {cluster} のサービス {service} になります。どちらかに別の ecs.cluster か ecs.service を指定してください',
    'environments.build-account':
      '{account}（イメージリポジトリを持つビルド用アカウント）にはどの環境もありません。そのアカウントで `hatoba up --environment NAME` を実行するとリポジトリが作成されます。いずれかの環境の aws.account をこのアカウントにするか、aws.account を最初の環境のアカウントにしてください',

    'problem.not-yaml': 'YAML として正しくありません: {error}',
    'problem.duplicate-key': 'キーが重複しています（最初は {line} 行目）。各キーは 1 回だけ書いてください',
    'problem.not-mapping': 'キー（app、github、aws など）のマッピングである必要があります',
    'problem.aliases':
      'エイリアス（*name）の展開後のデータが大きすぎます（YAML の「billion laughs」文書）。hatoba.yml にエイリアスは不要です',
    'problem.unknown-key': '不明なキーです（ここで使えるキーは `hatoba config schema` で確認できます）',
    'problem.not-one-of': '{value} は {values} のいずれでもありません',
    'problem.not-allowed': '{value} は使えません',
    'problem.required': '必須です',
    'problem.expected': '{expected} である必要がありますが、{value} です',
    'problem.too-few.one': '{minimum} 件以上の要素が必要です',
    'problem.too-few': '{minimum} 件以上の要素が必要です',
    'problem.below-minimum': '{value} は最小値 {minimum} を下回っています',
    'problem.above-maximum': '{value} は最大値 {maximum} を超えています',
    'problem.from': '{problem}（{name} から）',
    'problem.list': '{problems}',
    'problem.verbatim': '{text}',

    'no-config': '{cwd} とその親ディレクトリに hatoba.yml がありません',
    'no-config.hint': '`hatoba init` で作成するか、--config FILE を指定してください。',
    'config-missing': '{origin}: {path} が存在しません',
    'config-missing.hint': 'hatoba.yml のパスを指定してください。',
    'schema.account': '{value} は AWS のアカウント ID（ちょうど 12 桁の数字）ではありません',
    'schema.region': '{value} は Fargate が使える AWS のリージョンではありません（例: us-east-1、ap-northeast-1）',
    'schema.nothing-trusted':
      '何も信頼されません: ブランチ、タグのパターン、環境のいずれかを少なくとも 1 つ指定してください',
    'schema.secret-in-environment':
      '{name} を通常の環境変数にしてはいけません: ecs.container.secrets で Secrets Manager の ARN を使ってください',
    'schema.environment-and-secret':
      '{name} が environment と secrets の両方にあります。どちらか一方だけにしてください',
    'schema.scaling-min-max': 'min {min} が max {max} より大きくなっています。min ≤ max にしてください',
    'schema.scaling-metric':
      'オートスケーリングにはメトリクスが必要です: cpuPercent、requestsPerTarget、またはその両方を設定してください',
    'aws.no-credentials':
      'AWS の認証情報が見つかりません: AWS_PROFILE も AWS_ACCESS_KEY_ID も ~/.aws/config も ~/.aws/credentials も、ウェブ ID トークンファイルもコンテナの認証情報もなく、EC2 インスタンス上でもありません',
    'aws.unusable-credentials': '使える AWS の認証情報がありません: {message}',
    'aws.credentials.hint':
      'AWS_PROFILE に `aws configure` または `aws configure sso` で作ったプロファイルを設定する（その後 `aws sso login`）か、AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY を export してください。GitHub Actions では hatoba の前に aws-actions/configure-aws-credentials を実行してください。',
    'aws.region-disabled': '{where}: このアカウントではリージョンが有効になっていません（{name}）: {message}',
    'aws.region-disabled.hint':
      'リージョンを有効にする（AWS コンソール → アカウント → AWS リージョン。STS は IAM → アカウント設定）か、aws.region / --region を有効なリージョンにしてください。',
    'aws.no-answer': '{where}: エンドポイントが応答しませんでした',
    'aws.no-answer.within': '{where}: エンドポイントが {seconds} 秒以内に応答しませんでした',
    'aws.no-answer.hint':
      'ネットワーク（プロキシ、VPN、ファイアウォール）と AWS_ENDPOINT_URL* 変数を確認してください。遅い回線では {variable}（秒）を大きくしてください。',
    'aws.unreachable': '{where}: エンドポイントに到達できませんでした（{code}）',
    'aws.unreachable.host': '{where}: エンドポイント {host} に到達できませんでした（{code}）',
    'aws.unreachable.dns.hint':
      'ネットワークと DNS、リージョン（aws.region / --region）、AWS_ENDPOINT_URL* 変数を確認してください。',
    'aws.unreachable.hint':
      'ネットワーク（プロキシ、VPN、ファイアウォール）と AWS_ENDPOINT_URL* 変数を確認してください。',
    'aws.throttled': '{where} は再試行の後もリクエストをスロットリングし続けました（{name}）',
    'aws.throttled.hint':
      '1 分ほど待ってからもう一度実行してください。続くようなら、同じ API を呼んでいる他のツールを探してください。',
    'aws.refused': '{where} がリクエストを拒否しました（{name}）: {message}',
    'aws.refused.hint':
      'メッセージが AWS の受け付けなかった値を示しています。hatoba.yml またはフラグのその値を変えて、もう一度実行してください。',
    'aws.server-fault': '{where} は再試行の後も AWS 側で失敗しました（{name}）: {message}',
    'aws.server-fault.hint': '数分後にもう一度実行してください。続くようなら AWS Health Dashboard を確認してください。',
    'aws.access-denied': '{where}: アクセスが拒否されました（AccessDenied）: {principal} は {action} を呼び出せません',
    'aws.access-denied.resource':
      '{where}: アクセスが拒否されました（AccessDenied）: {principal} は {resource} に対して {action} を呼び出せません',
    'aws.access-denied.raw': '{where}: アクセスが拒否されました（{name}）: {message}',
    'aws.access-denied.hint':
      'その ID に {action} を許可する（デプロイロールのポリシーは `hatoba policy` が表示します）か、それを許可された ID の認証情報を使ってください（AWS_PROFILE）。',
    'aws.access-denied.raw.hint':
      'この呼び出しを許可された ID の認証情報を使ってください（デプロイロールのポリシーは `hatoba policy` が表示します）。',
    'aws.rejected': '{where} が認証情報を拒否しました（{name}）: {message}',
    'aws.rejected.opt-in.hint':
      '新しい認証情報を取得してください（`aws sso login`、`aws configure`、または Actions での新しい configure-aws-credentials ステップ）。認証情報が新しい場合は、リージョンがこのアカウントで有効になっていないオプトインリージョンかもしれません: 有効にする（AWS コンソール → アカウント → AWS リージョン）か、aws.region / --region を設定してください。',
    'aws.rejected.hint':
      '新しい認証情報を取得し（`aws sso login`、`aws configure`、または Actions での新しい configure-aws-credentials ステップ）、このマシンの時計を確認してください。',
    'environment.none': '{origin} {name}: {file} に `environments` がありません',
    'environment.none.hint':
      '{origin} を外すか、{file} に `environments` マップを追加してください（docs/environments.md を参照）。',
    'environment.which': '{file} には {count} 個の環境（{names}）があります。どれを使うか指定してください',
    'environment.which.hint':
      '--environment {first} を指定してください（または HATOBA_ENVIRONMENT を設定してください）。',
    'environment.unknown': '{origin} {name}: {file} に環境 {quoted} はありません（あるのは {names} です）',
    'environment.unknown.hint': '次のいずれかを指定してください: {choices}。',
  },
});

export type ConfigKey = keyof (typeof CONFIG)['en'];
