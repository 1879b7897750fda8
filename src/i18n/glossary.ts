/**
 * How the Japanese catalogues name things: the words of AWS's and GitHub's Japanese documentation and consoles,
 * one spelling each (long-vowel ー kept, as AWS writes プロバイダー and ポリシー). AWS's and GitHub's own strings
 * (`AccessDenied`, `Not authorized to perform sts:AssumeRoleWithWebIdentity`, stoppedReason texts), key names, ARNs,
 * commands and flags are never translated: they are quoted as they are, so a reader can search for them.
 * test/i18n/catalogue-parity.test.ts fails when a Japanese text uses an avoided spelling.
 *
 *   trust policy           信頼ポリシー               permissions policy  許可ポリシー
 *   role                   ロール                     deploy role         デプロイロール
 *   OIDC provider          OIDC ID プロバイダー       audience (aud)      対象者
 *   task definition        タスク定義                 task / cluster      タスク / クラスター
 *   circuit breaker        サーキットブレーカー       deploy              デプロイ
 *   rollback               ロールバック               health check        ヘルスチェック
 *   repository             リポジトリ                 workflow / job      ワークフロー / ジョブ
 *   environment (GitHub)   環境                       branch / tag        ブランチ / タグ
 *   load balancer          ロードバランサー           security group      セキュリティグループ
 *   Availability Zone      アベイラビリティーゾーン   Region              リージョン
 *   AccessDenied           AccessDenied（アクセス拒否; the code itself stays as AWS writes it）
 */
export const GLOSSARY: readonly { readonly en: string; readonly ja: string; readonly avoid: RegExp }[] = [
  { en: 'policy', ja: 'ポリシー', avoid: /ポリシ(?!ー)/ },
  { en: 'provider', ja: 'プロバイダー', avoid: /プロバイダ(?!ー)/ },
  { en: 'OIDC provider', ja: 'OIDC ID プロバイダー', avoid: /IDプロバイダ|OIDC プロバイダ/ },
  { en: 'audience', ja: '対象者', avoid: /オーディエンス/ },
  { en: 'circuit breaker', ja: 'サーキットブレーカー', avoid: /サーキットブレーカ(?!ー)/ },
  { en: 'deploy', ja: 'デプロイ', avoid: /デプロイメント/ },
  { en: 'repository', ja: 'リポジトリ', avoid: /レポジトリ/ },
  { en: 'workflow', ja: 'ワークフロー', avoid: /ワークフロ(?!ー)/ },
  { en: 'health check', ja: 'ヘルスチェック', avoid: /ヘルス・チェック|ヘルスチエック/ },
  { en: 'load balancer', ja: 'ロードバランサー', avoid: /ロードバランサ(?!ー)/ },
  { en: 'cluster', ja: 'クラスター', avoid: /クラスタ(?!ー)/ },
  { en: 'Availability Zone', ja: 'アベイラビリティーゾーン', avoid: /アベイラビリティゾーン/ },
  { en: 'user', ja: 'ユーザー', avoid: /ユーザ(?!ー)/ },
  { en: 'server', ja: 'サーバー', avoid: /サーバ(?!ー)/ },
  { en: 'handler', ja: 'ハンドラー', avoid: /ハンドラ(?!ー)/ },
  { en: 'filter', ja: 'フィルター', avoid: /フィルタ(?!ー)/ },
  { en: 'AccessDenied', ja: 'AccessDenied', avoid: /アクセスデナイド/ },
];
