import { defineCatalogue } from '../catalogue.js';

/** `hatoba rehearse`'s verdict and labels; its causes are the deploy catalogue's, its trust denials explain's. */
export const REHEARSE = defineCatalogue({
  en: {
    passed: 'rehearsal passed',
    failed: 'rehearsal failed',
    'failed-at': 'rehearsal failed at {step}',
    'passed-in': ' in {seconds}s: {job}',
    'failed-after': ' after {seconds}s: {job}',
    'log-line': 'last {count} log line:',
    'log-lines': 'last {count} log lines:',
    fix: 'fix: ',
    more: 'more:',
    hint: 'hint:',
    note: 'note:',
    'trust.rejected': 'STS would reject the token: {reason}',
    'trust.denied': 'AWS STS would deny AssumeRoleWithWebIdentity for {sub}: {operator} {key} does not match.',
    'trust.denied.no-statement': 'AWS STS would deny AssumeRoleWithWebIdentity for {sub}.',
  },
  ja: {
    passed: 'リハーサルに成功しました',
    failed: 'リハーサルに失敗しました',
    'failed-at': 'リハーサルが {step} で失敗しました',
    'passed-in': '（{seconds} 秒）: {job}',
    'failed-after': '（{seconds} 秒）: {job}',
    'log-line': '最後のログ {count} 行:',
    'log-lines': '最後のログ {count} 行:',
    fix: '対処:',
    more: '詳細:',
    hint: 'ヒント:',
    note: '注記:',
    'trust.rejected': 'STS はこのトークンを拒否します: {reason}',
    'trust.denied': 'AWS STS は {sub} の AssumeRoleWithWebIdentity を拒否します: {operator} {key} が一致しません。',
    'trust.denied.no-statement': 'AWS STS は {sub} の AssumeRoleWithWebIdentity を拒否します。',
  },
});

export type RehearseKey = keyof (typeof REHEARSE)['en'];
