import { defineCatalogue } from '../catalogue.js';

/**
 * `hatoba explain` (and rehearse's trust denials): why STS denied an AssumeRoleWithWebIdentity call. Keys are the
 * hint ids; AWS's and GitHub's own strings, claim keys, ARNs, commands and flags stay as they are in every language.
 */
export const EXPLAIN = defineCatalogue({
  en: {
    allowed: 'allowed',
    denied: 'denied',
    success: 'success',
    'failing-condition': 'failing condition in {source}:',
    'failing-conditions': 'failing conditions in {source}:',
    expected: 'expected',
    actual: 'actual',
    'not-in-request': '(not in the request)',
    hint: 'hint:',

    'role.header': 'AssumeRoleWithWebIdentity calls to {role}',
    'role.searched': 'searched',
    'role.window': 'window',
    'role.found': 'found',
    'role.succeeded': 'succeeded',
    'role.region.one-page': '{region} ({events} events, {pages} page)',
    'role.region': '{region} ({events} events, {pages} pages)',
    'role.failed.none': '{calls} failed calls',
    'role.failed.one': '{calls} failed call, {distinct} distinct',
    'role.failed': '{calls} failed calls, {distinct} distinct',
    'role.successes.one': '{count} call, the latest at {latest}',
    'role.successes': '{count} calls, the latest at {latest}',
    'role.fixed-since': ' (after the last failure: the cause may already be fixed)',
    note: 'note:',
    'role.nothing': 'No failed AssumeRoleWithWebIdentity call to {role} in {regions} in that window. Either:',
    'role.nothing.delay':
      '  - it is not there yet: CloudTrail delivers an event about 5 minutes after the call on average, not guaranteed; run this again in a few minutes;',
    'role.nothing.region':
      "  - the call went to another Region's STS endpoint: configure-aws-credentials calls the Regional endpoint of its `aws-region` input (hatoba searched {home} and us-east-1, where the global endpoint records); pass --region with the Region that step names;",
    'role.nothing.no-token':
      '  - the token never reached AWS: look in the Actions log for an error before the call (for example a job without `permissions: id-token: write` cannot request a token).',

    'token-alg':
      "The token's header says alg {alg}: GitHub signs its OIDC tokens with RS256, and STS rejects a token that is unsigned or signed otherwise (InvalidIdentityToken). Is it really from GitHub Actions?",
    'token-alg-none-given':
      'The token\'s header says alg "(none given)": GitHub signs its OIDC tokens with RS256, and STS rejects a token that is unsigned or signed otherwise (InvalidIdentityToken). Is it really from GitHub Actions?',
    'token-expired':
      'The token expired {ago} ago: STS rejects it with ExpiredTokenException ("The web identity token that was passed is expired or is not valid"). GitHub Actions tokens are short-lived: check a token from a current run.',
    day: '{count} day',
    days: '{count} days',
    hour: '{count} hour',
    hours: '{count} hours',
    minute: '{count} minute',
    minutes: '{count} minutes',
    second: '{count} second',
    seconds: '{count} seconds',

    'provider-assumed':
      "No provider ARN given; assumed the policy's own provider {provider} (pass --provider-arn to check it).",
    'provider-assumed-from-issuer':
      "No provider ARN given; assumed {provider}, the provider of the token's issuer in the policy's account.",
    'explicit-deny': '{statement} is a Deny that applies to this request; an explicit Deny wins over any Allow.',
    'explicit-deny-matched':
      '{statement} is a Deny that applies to this request (its conditions {conditions} matched); an explicit Deny wins over any Allow.',
    'no-allow-statement': '{source} has no Allow statement for {action}.',
    'not-principal': '{statement} excludes this provider with NotPrincipal.',
    'no-trusted-provider':
      '{statement} trusts no OIDC provider: its Principal must be {"Federated": "arn:aws:iam::ACCOUNT:oidc-provider/{hostPath}"}.',
    'resource-in-trust-policy':
      '{statement} has a Resource or NotResource element: a trust policy names no resource (the role is the resource) and IAM refuses one that does (`MalformedPolicyDocument: Has prohibited field Resource`). Remove the element.',
    'operator-unsupported': 'hatoba does not evaluate {operator}; check {key} by hand.',
    'claim-missing':
      'The request has no {key}: the claims known here are {known}. CloudTrail records only sub and aud; pass --token to check the other claims.',
    'claim-missing-none':
      'The request has no {key}: the claims known here are none. CloudTrail records only sub and aud; pass --token to check the other claims.',
    'claim-mismatch': "The token's {claim} is {actual}; the policy expects {expected}.",
    'for-all-values':
      '{statement} uses {operator} on {key}: ForAllValues passes when the claim is missing, so it does not pin anything. Use {replacement} ({source}).',
    'not-role-arn':
      '{role} is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME); STS answers `Request ARN is invalid`. Use the role ARN, not an assumed-role ARN, and strip spaces or newlines.',
    'account-mismatch':
      "The role is in account {roleAccount} but the token went to the provider of account {providerAccount}: the role ARN (`role-to-assume`) names the wrong account, or the provider is missing in the role's account.",
    'other-role': 'The call was for {called}, but {source} is the trust policy of {role}.',
    'incorrect-token-audience':
      "STS rejected the token before the trust policy: the OIDC provider's audiences (ClientIDList) do not include {aud}. Add it to the provider (hatoba up does) or fix the workflow's `audience:`.",
    'incorrect-token-audience-unknown':
      "STS rejected the token before the trust policy: the OIDC provider's audiences (ClientIDList) do not include the token's aud. Add it to the provider (hatoba up does) or fix the workflow's `audience:`.",
    'no-provider-for-issuer':
      'The account has no OIDC provider for this issuer: create it (hatoba up creates it in the pipeline stack).',
    'allowed-and-recorded': 'CloudTrail recorded a successful call, and this trust policy allows it too.',
    'allowed-but-denied':
      "{source} allows these claims. If AWS still denied the call, check: the policy checked is the one attached to the role (`aws iam get-role --role-name NAME`); the provider's audiences include the aud (else `Incorrect token audience`); the requested duration is within the role's MaxSessionDuration; the role ARN names the right account.",
    'allowed-but-denied-duration':
      "{source} allows these claims. If AWS still denied the call, check: the policy checked is the one attached to the role (`aws iam get-role --role-name NAME`); the provider's audiences include the aud (else `Incorrect token audience`); the requested duration is within the role's MaxSessionDuration (the call asked for {seconds} s); the role ARN names the right account.",
    'denied-but-recorded':
      "CloudTrail recorded a successful call, yet {source} denies it: the policy given is probably not the role's current trust policy.",

    'closest-subject': 'Closest trusted subject: {subject}',
    'subject-case':
      'The subject differs only in letter case. StringEquals and StringLike compare case-sensitively, and the token spells the names as GitHub does: write {actual} exactly.',
    'subject-escaped-colon':
      'A colon inside a claim value is written %3A in the subject, so the policy must say {actual} (not {trusted}).',
    'subject-immutable-in-token':
      'The token uses the immutable subject form repo:OWNER@OWNER_ID/REPO@REPO_ID (repositories created or opted in since July 2026) but the policy has the name-only form. Trust {subject}; list both forms only while migrating (hatoba: github.subject.format: immutable).',
    'subject-immutable-in-policy':
      'The policy expects the immutable subject form (OWNER@ID/REPO@ID) but the token has the name-only form: the repository has not opted in to immutable subjects. Trust the form the token carries, or opt the repository in.',
    'subject-claim-keys':
      "The token's subject has the claim keys [{actualKeys}] but the policy expects [{trustedKeys}]: a custom subject template (include_claim_keys) is in effect on one side. Check it with `gh api repos/OWNER/REPO/actions/oidc/customization/sub` and match it (hatoba: github.subject).",
    'other-repository': 'The token comes from repository {actual}, but the policy trusts {trusted}.',
    'environment-instead-of-ref':
      "The job declares `environment: {environment}`, so its token's subject ends in environment:{environment} instead of ref:{ref} (an environment replaces the ref). Trust the environment subject (hatoba: github.environment: {environment}), or remove `environment:` from the job.",
    'environment-instead-of-ref.environments':
      "The job declares `environment: {environment}`, so its token's subject ends in environment:{environment} instead of ref:{ref} (an environment replaces the ref). With environments, a role that trusts {ref} is the push role of the build job (no `environment:`); a job in environment {environment} assumes {role}.",
    'ref-instead-of-environment':
      'The policy expects the job to run in environment {environment}, but the token has none (its subject ends in ref:{ref}). Add `environment: {environment}` to the deploy job.',
    'pull-request':
      'The token comes from a pull_request run (subject ends in :pull_request). A deploy role should not trust pull requests: deploy on push to the trusted branch instead.',
    'other-ref':
      'The run was for {refType} {name} ({ref}), but the policy trusts {trustedRefType} {trustedName}. Deploy from {trustedRef}, or trust {ref} too (hatoba: github.{setting}).',
    'other-environment':
      'This token is for environment {environment}; the role trusts environment {trusted}. Run the job in `environment: {trusted}` to assume this role, or use the role that trusts {environment}.',
    'other-environment.own-role':
      "This token is for environment {environment}; the role trusts environment {trusted}. Run the job in `environment: {trusted}` to assume this role, or use {environment}'s role {role}.",
    'no-aud': 'The request carried no aud claim.',
    'audience-typo-token':
      "The token's audience {actual} looks like a typo of {intended} (the workflow's `audience:` input).",
    'audience-typo-policy': "The policy's audience {value} looks like a typo of {intended}.",
    'github-default-audience':
      "{actual} is GitHub's default audience: the token was requested without the audience AWS expects. aws-actions/configure-aws-credentials asks for {intended} unless its `audience:` input says otherwise.",
    'audience-mismatch':
      "The token's audience is {actual}; the policy expects {expected}. They must be equal (StringEquals).",
    'provider-mismatch': "The token's provider is {actual}, but the policy trusts {trusted}.",
    'provider-other-account':
      "The provider is in account {actualAccount} but the policy names account {trustedAccount}'s provider: a role can only trust the OIDC provider of its own account; create the provider in each account.",
    'provider-other-issuer':
      'The issuer differs (an enterprise-specific issuer or GitHub Enterprise Server has its own provider URL): trust the provider of the issuer the token comes from.',
  },
  ja: {
    allowed: '許可',
    denied:
      '拒否（信頼ポリシーにより、STS は AccessDenied「Not authorized to perform sts:AssumeRoleWithWebIdentity」を返します）',
    success: '成功',
    'failing-condition': '{source} で満たされていない条件:',
    'failing-conditions': '{source} で満たされていない条件:',
    expected: '期待値',
    actual: '実際の値',
    'not-in-request': '（リクエストに含まれていません）',
    hint: 'ヒント:',

    'role.header': '{role} への AssumeRoleWithWebIdentity 呼び出し',
    'role.searched': '検索範囲',
    'role.window': '期間',
    'role.found': '検出',
    'role.succeeded': '成功',
    'role.region.one-page': '{region}（{events} イベント、{pages} ページ）',
    'role.region': '{region}（{events} イベント、{pages} ページ）',
    'role.failed.none': '失敗した呼び出し {calls} 件',
    'role.failed.one': '失敗した呼び出し {calls} 件（{distinct} 種類）',
    'role.failed': '失敗した呼び出し {calls} 件（{distinct} 種類）',
    'role.successes.one': '{count} 件、最新は {latest}',
    'role.successes': '{count} 件、最新は {latest}',
    'role.fixed-since': '（最後の失敗より後です。原因はすでに解消されているかもしれません）',
    note: '注記:',
    'role.nothing':
      'この期間の {regions} に、{role} への失敗した AssumeRoleWithWebIdentity 呼び出しはありません。考えられる理由:',
    'role.nothing.delay':
      '  - まだ届いていない: CloudTrail がイベントを配信するのは呼び出しの平均約 5 分後で、保証はありません。数分後にもう一度実行してください。',
    'role.nothing.region':
      '  - 呼び出しが別のリージョンの STS エンドポイントに送られた: configure-aws-credentials は `aws-region` 入力のリージョンのエンドポイントを呼び出します（hatoba が検索したのは {home} と、グローバルエンドポイントが記録される us-east-1 です）。そのステップのリージョンを --region に指定してください。',
    'role.nothing.no-token':
      '  - トークンが AWS に届いていない: 呼び出しより前のエラーを Actions のログで確認してください（たとえば `permissions: id-token: write` のないジョブはトークンを要求できません）。',

    'token-alg':
      'トークンのヘッダーの alg は {alg} です。GitHub は OIDC トークンを RS256 で署名しており、STS は署名のないトークンや別の方式で署名されたトークンを拒否します（InvalidIdentityToken）。本当に GitHub Actions のトークンですか？',
    'token-alg-none-given':
      'トークンのヘッダーに alg がありません。GitHub は OIDC トークンを RS256 で署名しており、STS は署名のないトークンや別の方式で署名されたトークンを拒否します（InvalidIdentityToken）。本当に GitHub Actions のトークンですか？',
    'token-expired':
      'トークンは {ago}前に期限切れになっています。STS は ExpiredTokenException（"The web identity token that was passed is expired or is not valid"）で拒否します。GitHub Actions のトークンの有効期間は短いため、現在の実行のトークンで確認してください。',
    day: '{count} 日',
    days: '{count} 日',
    hour: '{count} 時間',
    hours: '{count} 時間',
    minute: '{count} 分',
    minutes: '{count} 分',
    second: '{count} 秒',
    seconds: '{count} 秒',

    'provider-assumed':
      'プロバイダーの ARN が指定されていないため、ポリシー自身のプロバイダー {provider} とみなしました（確認するには --provider-arn を指定してください）。',
    'provider-assumed-from-issuer':
      'プロバイダーの ARN が指定されていないため、ポリシーのアカウントにあるトークン発行者のプロバイダー {provider} とみなしました。',
    'explicit-deny':
      '{statement} はこのリクエストに適用される Deny です。明示的な Deny はどの Allow よりも優先されます。',
    'explicit-deny-matched':
      '{statement} はこのリクエストに適用される Deny です（条件 {conditions} に一致しました）。明示的な Deny はどの Allow よりも優先されます。',
    'no-allow-statement': '{source} には {action} を許可する Allow ステートメントがありません。',
    'not-principal': '{statement} は NotPrincipal でこのプロバイダーを除外しています。',
    'no-trusted-provider':
      '{statement} はどの OIDC ID プロバイダーも信頼していません。Principal は {"Federated": "arn:aws:iam::ACCOUNT:oidc-provider/{hostPath}"} である必要があります。',
    'resource-in-trust-policy':
      '{statement} に Resource または NotResource 要素があります。信頼ポリシーではリソースを指定しません（ロール自体がリソースです）。IAM はリソースを含む信頼ポリシーを拒否します（`MalformedPolicyDocument: Has prohibited field Resource`）。この要素を削除してください。',
    'operator-unsupported': 'hatoba は {operator} を評価しません。{key} は手動で確認してください。',
    'claim-missing':
      'リクエストに {key} がありません。ここで分かっているクレームは {known} です。CloudTrail が記録するのは sub と aud だけです。他のクレームを確認するには --token を指定してください。',
    'claim-missing-none':
      'リクエストに {key} がありません。ここで分かっているクレームはありません。CloudTrail が記録するのは sub と aud だけです。他のクレームを確認するには --token を指定してください。',
    'claim-mismatch': 'トークンの {claim} は {actual} ですが、ポリシーが期待する値は {expected} です。',
    'for-all-values':
      '{statement} は {key} に {operator} を使っています。ForAllValues はクレームが存在しないときにも一致するため、何も固定できません。{replacement} を使ってください（{source}）。',
    'not-role-arn':
      '{role} は IAM ロールの ARN（arn:aws:iam::ACCOUNT:role/NAME）ではありません。STS は `Request ARN is invalid` を返します。引き受けたロールの ARN（assumed-role）ではなくロールの ARN を使い、空白や改行を取り除いてください。',
    'account-mismatch':
      'ロールはアカウント {roleAccount} にありますが、トークンはアカウント {providerAccount} のプロバイダーに送られました。ロールの ARN（`role-to-assume`）のアカウントが間違っているか、ロールのアカウントにプロバイダーがありません。',
    'other-role': '呼び出し先は {called} ですが、{source} は {role} の信頼ポリシーです。',
    'incorrect-token-audience':
      'STS は信頼ポリシーを評価する前にトークンを拒否しました（`Incorrect token audience`）。OIDC ID プロバイダーの対象者（ClientIDList）に {aud} が含まれていません。プロバイダーに追加する（hatoba up が追加します）か、ワークフローの `audience:` を修正してください。',
    'incorrect-token-audience-unknown':
      'STS は信頼ポリシーを評価する前にトークンを拒否しました（`Incorrect token audience`）。OIDC ID プロバイダーの対象者（ClientIDList）にトークンの aud が含まれていません。プロバイダーに追加する（hatoba up が追加します）か、ワークフローの `audience:` を修正してください。',
    'no-provider-for-issuer':
      'このアカウントには、この発行者の OIDC ID プロバイダーがありません（`No OpenIDConnect provider found`）。作成してください（hatoba up がパイプラインスタックに作成します）。',
    'allowed-and-recorded': 'CloudTrail には成功した呼び出しが記録されており、この信頼ポリシーでも許可されます。',
    'allowed-but-denied':
      '{source} はこれらのクレームを許可します。それでも AWS が拒否した場合は次を確認してください: 確認したポリシーがロールにアタッチされているものか（`aws iam get-role --role-name NAME`）、プロバイダーの対象者に aud が含まれているか（含まれていなければ `Incorrect token audience`）、要求したセッション時間がロールの MaxSessionDuration 以内か、ロールの ARN が正しいアカウントを指しているか。',
    'allowed-but-denied-duration':
      '{source} はこれらのクレームを許可します。それでも AWS が拒否した場合は次を確認してください: 確認したポリシーがロールにアタッチされているものか（`aws iam get-role --role-name NAME`）、プロバイダーの対象者に aud が含まれているか（含まれていなければ `Incorrect token audience`）、要求したセッション時間がロールの MaxSessionDuration 以内か（この呼び出しは {seconds} 秒を要求しました）、ロールの ARN が正しいアカウントを指しているか。',
    'denied-but-recorded':
      'CloudTrail には成功した呼び出しが記録されていますが、{source} はこれを拒否します。指定したポリシーはおそらくロールの現在の信頼ポリシーではありません。',

    'closest-subject': '最も近い信頼済みのサブジェクト: {subject}',
    'subject-case':
      'サブジェクトの違いは大文字と小文字だけです。StringEquals と StringLike は大文字と小文字を区別して比較し、トークンは GitHub での表記どおりに名前を記載します。{actual} と正確に書いてください。',
    'subject-escaped-colon':
      'クレーム値の中のコロンはサブジェクトでは %3A と書かれます。ポリシーには {trusted} ではなく {actual} と書く必要があります。',
    'subject-immutable-in-token':
      'トークンは不変のサブジェクト形式 repo:OWNER@OWNER_ID/REPO@REPO_ID（2026 年 7 月以降に作成またはオプトインしたリポジトリ）を使っていますが、ポリシーは名前だけの形式です。{subject} を信頼してください。両方の形式を並べるのは移行中だけにしてください（hatoba: github.subject.format: immutable）。',
    'subject-immutable-in-policy':
      'ポリシーは不変のサブジェクト形式（OWNER@ID/REPO@ID）を期待していますが、トークンは名前だけの形式です。リポジトリが不変のサブジェクトにオプトインしていません。トークンの形式を信頼するか、リポジトリをオプトインしてください。',
    'subject-claim-keys':
      'トークンのサブジェクトのクレームキーは [{actualKeys}] ですが、ポリシーは [{trustedKeys}] を期待しています。どちらかでカスタムのサブジェクトテンプレート（include_claim_keys）が有効です。`gh api repos/OWNER/REPO/actions/oidc/customization/sub` で確認して合わせてください（hatoba: github.subject）。',
    'other-repository': 'トークンはリポジトリ {actual} から来ていますが、ポリシーが信頼しているのは {trusted} です。',
    'environment-instead-of-ref':
      'ジョブが `environment: {environment}` を宣言しているため、トークンのサブジェクトは ref:{ref} ではなく environment:{environment} で終わります（環境を指定すると ref の代わりになります）。環境のサブジェクトを信頼する（hatoba: github.environment: {environment}）か、ジョブから `environment:` を削除してください。',
    'environment-instead-of-ref.environments':
      'ジョブが `environment: {environment}` を宣言しているため、トークンのサブジェクトは ref:{ref} ではなく environment:{environment} で終わります（環境を指定すると ref の代わりになります）。環境があるとき、{ref} を信頼するロールはビルドジョブ（`environment:` なし）のプッシュ用ロールです。環境 {environment} のジョブは {role} を引き受けます。',
    'ref-instead-of-environment':
      'ポリシーはジョブが環境 {environment} で実行されることを期待していますが、トークンには環境がありません（サブジェクトは ref:{ref} で終わります）。デプロイジョブに `environment: {environment}` を追加してください。',
    'pull-request':
      'トークンは pull_request の実行から来ています（サブジェクトが :pull_request で終わります）。デプロイ用のロールはプルリクエストを信頼すべきではありません。信頼済みのブランチへの push でデプロイしてください。',
    'other-ref':
      '実行は ref_type {refType} の {name}（{ref}）に対するものでしたが、ポリシーが信頼しているのは ref_type {trustedRefType} の {trustedName} です。{trustedRef} からデプロイするか、{ref} も信頼してください（hatoba: github.{setting}）。',
    'other-environment':
      'このトークンは環境 {environment} のものですが、ロールが信頼しているのは環境 {trusted} です。このロールを引き受けるにはジョブを `environment: {trusted}` で実行するか、{environment} を信頼するロールを使ってください。',
    'other-environment.own-role':
      'このトークンは環境 {environment} のものですが、ロールが信頼しているのは環境 {trusted} です。このロールを引き受けるにはジョブを `environment: {trusted}` で実行するか、{environment} のロール {role} を使ってください。',
    'no-aud': 'リクエストに aud クレームがありません。',
    'audience-typo-token':
      'トークンの対象者 {actual} は {intended} の入力ミスのようです（ワークフローの `audience:` 入力）。',
    'audience-typo-policy': 'ポリシーの対象者 {value} は {intended} の入力ミスのようです。',
    'github-default-audience':
      '{actual} は GitHub のデフォルトの対象者です。AWS が期待する対象者を指定せずにトークンが要求されました。aws-actions/configure-aws-credentials は `audience:` 入力で別の値を指定しない限り {intended} を要求します。',
    'audience-mismatch':
      'トークンの対象者は {actual} ですが、ポリシーが期待する値は {expected} です。両者は完全に一致する必要があります（StringEquals）。',
    'provider-mismatch': 'トークンのプロバイダーは {actual} ですが、ポリシーが信頼しているのは {trusted} です。',
    'provider-other-account':
      'プロバイダーはアカウント {actualAccount} にありますが、ポリシーはアカウント {trustedAccount} のプロバイダーを指定しています。ロールが信頼できるのは自分のアカウントの OIDC ID プロバイダーだけです。アカウントごとにプロバイダーを作成してください。',
    'provider-other-issuer':
      '発行者が異なります（エンタープライズ固有の発行者や GitHub Enterprise Server には独自のプロバイダー URL があります）。トークンの発行者のプロバイダーを信頼してください。',
  },
});

export type ExplainKey = keyof (typeof EXPLAIN)['en'];
