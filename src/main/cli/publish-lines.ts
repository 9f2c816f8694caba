import type { CsvImportResult } from '../../shared/api/publish-contract.js';
import type { ErrorInfo } from '../../shared/errors.js';
import { cliText } from '../../shared/cli/text.js';
import { publishCliText } from '../../shared/publish/cli-text.js';
import { hintOf } from '../../shared/publish/english.js';
import { publishSaid } from '../../shared/publish/said.js';
import type { Language } from '../../shared/settings.js';
import type { FailureClass } from '../../shared/publish/post.js';
import { PLATFORM_LABELS } from '../../shared/publish/platforms.js';
import type { OutboxPostView, PublishAccountView } from '../../shared/publish/post.js';
import { formatUtcIso, formatWallClock } from '../../shared/publish/time.js';

/** How `kingjam publish` prints posts, accounts and import problems (plain lines; `--json` prints the views instead). */

const excerpt = (text: string, max = 48): string => {
  const one = text.replace(/\s+/g, ' ').trim();
  return [...one].length > max ? `${[...one].slice(0, max - 1).join('')}…` : one;
};

export function accountName(account: PublishAccountView | undefined, fallback: string): string {
  return account ? `${PLATFORM_LABELS[account.platform]} · ${account.displayName}` : fallback;
}

/** `2027-01-10 09:00 Asia/Taipei`, the account's clock (the calendar's), or `—` for a draft. */
export function accountTime(utc: number | null, account: PublishAccountView | undefined): string {
  if (utc === null) return '—';
  const zone = account?.timeZone ?? 'UTC';
  return `${formatWallClock(utc, zone)} ${zone}`;
}

export function postLine(post: OutboxPostView, account: PublishAccountView | undefined): string {
  const tail = post.state === 'published' && post.url ? `  ${post.url}` : post.failure ? `  ${post.failure.error.message}` : '';
  return `${post.id}  ${post.state.padEnd(10)} ${accountTime(post.scheduledAt, account).padEnd(30)} ${accountName(account, post.accountId)}  ${excerpt(post.payload.text)}${tail}`;
}

export function accountLine(a: PublishAccountView): string {
  const status = a.usable ? '' : `  (cannot post: ${a.problem?.message ?? 'reconnect it'})`;
  const client = a.clientName ? `  client: ${a.clientName}` : '';
  return `${a.id}  ${`${a.platform}:${a.displayName}`.padEnd(36)} ${a.timeZone}${client}${status}`;
}

/** The CLI's own word on a failure whose key has no English hint here (a platform family's key): what each class asks of the user. */
const CLASS_HINTS: Record<FailureClass, (id: string) => string> = {
  retry: (id) => `It is tried again by itself; \`kingjam publish retry ${id}\` tries again now once it has failed.`,
  'refresh-token': () => 'Reconnect the account on the Connections page; the studio renews the sign-in once by itself.',
  'bad-post': (id) => `Change the post as the platform says, then \`kingjam publish retry ${id}\`.`,
  disconnected: (id) => `Reconnect the account on the Connections page, then \`kingjam publish retry ${id}\`.`,
};

/** What to do about a failure: its own hint, its key's, or its class's. */
export function failureHint(error: ErrorInfo, failure: FailureClass | null, postId: string): string | null {
  return hintOf(error) ?? (failure ? CLASS_HINTS[failure](postId) : null);
}

function errorLines(error: ErrorInfo, failure: FailureClass | null, postId: string, indent: string): string[] {
  const hint = failureHint(error, failure, postId);
  return [`${indent}${error.message}`, ...(hint ? [`${indent}what to do: ${hint}`] : [])];
}

/** Everything about one post: what is sent, when, where it went, and every attempt with its error and what to do. */
export function postDetail(post: OutboxPostView, account: PublishAccountView | undefined): string[] {
  const p = post.payload;
  const out = [
    `post       ${post.id}`,
    `account    ${accountName(account, post.accountId)} (${post.accountId})`,
    `state      ${post.state}${post.missed ? ' (missed while the studio was off)' : ''}`,
    `time       ${accountTime(post.scheduledAt, account)}${post.scheduledAt === null ? '' : ` (${formatUtcIso(post.scheduledAt)})`}`,
    `if missed  ${post.missedPolicy}`,
  ];
  if (post.publishedAt !== null) out.push(`published  ${formatUtcIso(post.publishedAt)}`);
  if (post.url) out.push(`url        ${post.url}`);
  if (post.platformPostId) out.push(`platform id ${post.platformPostId}`);
  if (p.title) out.push(`title      ${p.title}`);
  out.push('text', ...p.text.split('\n').map((l) => `  ${l}`));
  if (p.media.length > 0) {
    out.push('media');
    for (const m of p.media) out.push(`  ${m.path} (${m.kind}, ${m.mime}${m.width && m.height ? `, ${m.width}×${m.height}` : ''}${m.durationSeconds ? `, ${m.durationSeconds} s` : ''})`);
  }
  const options = Object.entries(p.options);
  if (options.length > 0) out.push(`options    ${options.map(([k, v]) => `${k} ${JSON.stringify(v)}`).join('; ')}`);
  if (post.failure) out.push(`failed (${post.failure.class})`, ...errorLines(post.failure.error, post.failure.class, post.id, '  '));
  if (post.attempts.length === 0) out.push('attempts   none yet');
  for (const a of post.attempts) {
    const ended = a.endedAt === null ? 'running' : formatUtcIso(a.endedAt);
    out.push(`attempt ${a.n}  ${formatUtcIso(a.startedAt)} → ${ended}  ${a.outcome}`);
    if (a.error) out.push(...errorLines(a.error, a.outcome === 'published' || a.outcome === 'running' || a.outcome === 'interrupted' ? null : a.outcome, post.id, '  '));
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
