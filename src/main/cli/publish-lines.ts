import type { CsvImportResult } from '../../shared/api/publish-contract.js';
import type { ErrorInfo } from '../../shared/errors.js';
import { cliText } from '../../shared/cli/text.js';
import { publishCliText } from '../../shared/publish/cli-text.js';
import { hintOf } from '../../shared/publish/english.js';
import { publishSaid } from '../../shared/publish/said.js';
import type { Language } from '../../shared/settings.js';
import type { FailureClass } from '../../shared/publish/post.js';
import { platformName } from '../../shared/platform-names.js';
import { publishShowText, type PublishShowKey } from '../../shared/publish/cli-show-text.js';
import { localisedError } from './error-lines.js';
import { displayWidth, padColumns } from './progress.js';
import type { OutboxPostView, PublishAccountView } from '../../shared/publish/post.js';
import { formatUtcIso, formatWallClock } from '../../shared/publish/time.js';

/** How `kingjam publish` prints posts, accounts and import problems (plain lines; `--json` prints the views instead). */

const excerpt = (text: string, max = 48): string => {
  const one = text.replace(/\s+/g, ' ').trim();
  return [...one].length > max ? `${[...one].slice(0, max - 1).join('')}…` : one;
};

export function accountName(account: PublishAccountView | undefined, fallback: string, language: Language): string {
  return account ? `${platformName(account.platform, language)} · ${account.displayName}` : fallback;
}

/** `2027-01-10 09:00 Asia/Taipei`, the account's clock (the calendar's), or `—` for a draft. */
export function accountTime(utc: number | null, account: PublishAccountView | undefined): string {
  if (utc === null) return '—';
  const zone = account?.timeZone ?? 'UTC';
  return `${formatWallClock(utc, zone)} ${zone}`;
}

/** An error's sentence in `language` (its key's text; the English message where it has none). */
const errorText = (error: ErrorInfo, language: Language): string => localisedError(error, language).message;

export function postLine(post: OutboxPostView, account: PublishAccountView | undefined, language: Language): string {
  const tail = post.state === 'published' && post.url ? `  ${post.url}` : post.failure ? `  ${errorText(post.failure.error, language)}` : '';
  const state = padColumns(publishShowText.say(language, `publish.state.${post.state}`), 10);
  return `${post.id}  ${state} ${accountTime(post.scheduledAt, account).padEnd(30)} ${accountName(account, post.accountId, language)}  ${excerpt(post.payload.text)}${tail}`;
}

/** `id  platform:name  zone` — the account as a CSV names it (the platform by its id), then what stops it posting. */
export function accountLine(a: PublishAccountView, language: Language): string {
  const say = (key: PublishShowKey, params: Record<string, string> = {}): string => publishShowText.say(language, key, params);
  const status = a.usable ? '' : `  ${say('publish.account.cannotPost', { reason: a.problem ? errorText(a.problem, language) : say('publish.account.reconnectIt') })}`;
  const client = a.clientName ? `  ${say('publish.account.client', { name: a.clientName })}` : '';
  return `${a.id}  ${`${a.platform}:${a.displayName}`.padEnd(36)} ${a.timeZone}${client}${status}`;
}

/** What to do about a failure in `language`: its key's hint, else (English only) its own, else what its class asks of the user. */
export function failureHint(error: ErrorInfo, failure: FailureClass | null, postId: string, language: Language): string | null {
  const own = language === 'en' ? hintOf(error) : localisedError(error, language).hint;
  return own ?? (failure ? publishShowText.say(language, `publish.classHint.${failure}`, { id: postId }) : null);
}

/** A publish failure said in `language`: its sentence, and what to do. */
export function failureSaid(error: ErrorInfo, failure: FailureClass | null, postId: string, language: Language): { message: string; hint: string | null } {
  return { message: errorText(error, language), hint: failureHint(error, failure, postId, language) };
}

function errorLines(error: ErrorInfo, failure: FailureClass | null, postId: string, indent: string, language: Language): string[] {
  const { message, hint } = failureSaid(error, failure, postId, language);
  return [`${indent}${message}`, ...(hint ? [`${indent}${cliText.say(language, 'cli.line.whatToDo', { hint })}`] : [])];
}

/** Where `show`'s values start: the English labels' column (a longer label is followed by one space). */
const LABEL_COLUMNS = 11;

/** Everything about one post in `language`: what is sent, when, where it went, and every attempt with its error and what to do. */
export function postDetail(post: OutboxPostView, account: PublishAccountView | undefined, language: Language): string[] {
  const say = (key: PublishShowKey, params: Record<string, string | number> = {}): string => publishShowText.say(language, key, params);
  const field = (key: PublishShowKey, value: string): string => {
    const label = say(key);
    return `${displayWidth(label) >= LABEL_COLUMNS ? `${label} ` : padColumns(label, LABEL_COLUMNS)}${value}`;
  };
  const p = post.payload;
  const state = say(`publish.state.${post.state}`);
  const out = [
    field('publish.show.post', post.id),
    field('publish.show.account', `${accountName(account, post.accountId, language)} (${post.accountId})`),
    field('publish.show.state', post.missed ? say('publish.show.missed', { state }) : state),
    field('publish.show.time', `${accountTime(post.scheduledAt, account)}${post.scheduledAt === null ? '' : ` (${formatUtcIso(post.scheduledAt)})`}`),
    field('publish.show.ifMissed', say(`publish.missed.${post.missedPolicy}`)),
  ];
  if (post.publishedAt !== null) out.push(field('publish.show.published', formatUtcIso(post.publishedAt)));
  if (post.url) out.push(field('publish.show.url', post.url));
  if (post.platformPostId) out.push(field('publish.show.platformId', post.platformPostId));
  if (p.title) out.push(field('publish.show.title', p.title));
  out.push(say('publish.show.text'), ...p.text.split('\n').map((l) => `  ${l}`));
  if (p.media.length > 0) {
    out.push(say('publish.show.media'));
    for (const m of p.media) {
      const facts = [say(m.kind === 'image' ? 'publish.show.image' : 'publish.show.video'), m.mime, ...(m.width && m.height ? [`${m.width}×${m.height}`] : []), ...(m.durationSeconds ? [say('publish.show.seconds', { seconds: m.durationSeconds })] : [])];
      out.push(`  ${m.path} (${facts.join(', ')})`);
    }
  }
  const options = Object.entries(p.options);
  if (options.length > 0) out.push(field('publish.show.options', options.map(([k, v]) => `${k} ${JSON.stringify(v)}`).join('; ')));
  if (post.failure) out.push(say('publish.show.failed', { class: say(`publish.outcome.${post.failure.class}`) }), ...errorLines(post.failure.error, post.failure.class, post.id, '  ', language));
  if (post.attempts.length === 0) out.push(field('publish.show.attempts', say('publish.show.noAttempts')));
  for (const a of post.attempts) {
    const ended = a.endedAt === null ? say('publish.outcome.running') : formatUtcIso(a.endedAt);
    out.push(`${say('publish.show.attempt', { n: a.n })}  ${formatUtcIso(a.startedAt)} → ${ended}  ${say(`publish.outcome.${a.outcome}`)}`);
    if (a.error) out.push(...errorLines(a.error, a.outcome === 'published' || a.outcome === 'running' || a.outcome === 'interrupted' ? null : a.outcome, post.id, '  ', language));
  }
  return out;
}

/** One line per problem — `line 4, time: …` — then what to do, indented, in `language` (the field is the CSV's column name, as written). */
export function importLines(result: CsvImportResult, language: Language): { problems: string[]; notes: string[] } {
  const problems: string[] = [];
  const notes: string[] = [];
  for (const row of result.rows) {
    for (const p of row.problems) {
      const { text, hint } = publishSaid(language, p.message);
      problems.push(publishCliText.say(language, 'publish.cli.problem', { line: row.line, field: p.field, text }), ...(hint ? [`    ${cliText.say(language, 'cli.line.whatToDo', { hint })}`] : []));
    }
    for (const n of row.notes ?? []) notes.push(publishCliText.say(language, 'publish.cli.note', { line: row.line, field: n.field, text: publishSaid(language, n.message).text }));
  }
  return { problems, notes };
}
