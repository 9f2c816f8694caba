import { StudioError, type ErrorInfo } from '../../shared/errors.js';
import { say, type Localized } from '../../shared/messages.js';
import type { KolPostView } from '../../shared/kol/post-record.js';
import type { PostingLimits } from '../../shared/kol/persona.js';
import type { OutboxPostView } from '../../shared/publish/post.js';
import { formatZonedIso } from '../../shared/publish/time.js';
import type { EventBus } from '../events.js';
import type { PublishService } from '../publish/service.js';
import { SYSTEM_ACTORS } from '../../shared/kol/post-record.js';
import type { PersonaService } from './personas.js';
import { emitPost, type PostService } from './posts.js';
import { checkSlot, nextSlot, SLOT_SEARCH_DAYS, type DayCount } from './slots.js';
import type { KolPostRow, KolStore, TransitionPatch } from './store.js';

/** The fields a record carries while it is on the calendar; cleared when it comes off. */
const OFF_CALENDAR: TransitionPatch = { outboxPostId: null, accountId: null, platform: null, scheduledAt: null, publishError: null };

/**
 * Approved posts go out through the outbox (issue 13) and nothing else does:
 * scheduling creates the outbox post and moves the record approved →
 * scheduled; the outbox's `publish.updated` moves it on to published or
 * failed (a retried post that then publishes goes failed → scheduled →
 * published). Each move is KolStore's guarded transition, so it happens once
 * however many times an event arrives.
 */
export class OutboxLink {
  constructor(
    private readonly kol: KolStore,
    private readonly personas: PersonaService,
    private readonly posts: PostService,
    private readonly publish: PublishService,
    private readonly events: EventBus,
    private readonly now: () => number,
    private readonly actor: () => string,
  ) {}

  /** Follows the outbox from now on; returns the function that stops it. */
  listen(): () => void {
    return this.events.on('publish.updated', (post) => this.follow(post));
  }

  /** Catches up with what the outbox did while this process was not listening (another process published, the app was closed). */
  reconcile(): void {
    const rows = this.kol.store.sqlite.prepare("SELECT outbox_post_id FROM kol_posts WHERE status IN ('scheduled', 'failed') AND outbox_post_id IS NOT NULL").all() as { outbox_post_id: string }[];
    for (const { outbox_post_id: id } of rows) {
      const post = this.publish.outbox.get(id);
      if (post) this.follow(this.publish.outbox.view(post));
    }
  }

  /** Puts an approved post on the calendar at `at`, or at the persona's next free slot. */
  /** `notBefore`: with no `at`, the first free slot from then on (a batch's post time) rather than from now. */
  async schedule(input: { id: string; accountId: string; at: number | null; notBefore?: number }): Promise<KolPostView> {
    const row = this.posts.mustGet(input.id);
    if (row.status !== 'approved') {
      throw new StudioError({ code: 'CONFLICT', message: `Only an approved post can be scheduled; this one is ${row.status}.`, ...say('kol.core.notApproved', { state: row.status }) });
    }
    const persona = this.personas.active(row.persona_id);
    if (!persona.accountIds.includes(input.accountId)) {
      throw new StudioError({
        code: 'BAD_INPUT',
        message: `The account ${input.accountId} is not one of ${row.persona_nickname}'s accounts.`,
        field: 'accountId',
        ...say('kol.core.notPersonaAccount', { account: input.accountId, persona: row.persona_nickname }),
      });
    }
    const at = this.pickTime(row, persona.limits, input.at, input.notBefore ?? 0);
    const [outboxPost] = await this.publish.create({
      accountIds: [input.accountId],
      content: { text: row.content, ...(row.title ? { title: row.title } : {}), media: [], options: {} },
      perPlatform: {},
      action: 'schedule',
      scheduledAt: at,
    });
    try {
      const moved = this.kol.transition(row.id, 'approved', 'scheduled', this.actor(), this.now(), null, {
        outboxPostId: outboxPost!.id,
        accountId: input.accountId,
        platform: outboxPost!.platform,
        scheduledAt: at,
        publishError: null,
      });
      return emitPost(this.events, moved);
    } catch (err) {
      // Someone moved the record meanwhile: the outbox post must not go out without it.
      await this.publish.cancel(outboxPost!.id).catch(() => undefined);
      throw err;
    }
  }

  /** Takes a scheduled (or failed) post off the calendar: its outbox post is canceled and the record is approved again. */
  async unschedule(id: string): Promise<KolPostView> {
    const row = this.posts.mustGet(id);
    if ((row.status !== 'scheduled' && row.status !== 'failed') || row.outbox_post_id === null) {
      throw new StudioError({ code: 'CONFLICT', message: `Only a scheduled post can be taken off the calendar; this one is ${row.status}.`, ...say('kol.core.notScheduled', { state: row.status }) });
    }
    const outboxPost = await this.publish.cancel(row.outbox_post_id);
    // The cancel's `publish.updated` has moved the record already when the outbox canceled at once.
    this.follow(outboxPost);
    return emitPost(this.events, this.posts.mustGet(id));
  }

  private pickTime(row: KolPostRow, limits: PostingLimits, at: number | null, notBefore: number): number {
    const count = this.dayCount(row.persona_id);
    const from = at ?? Math.max(this.now(), notBefore);
    if (at !== null) {
      const check = checkSlot(at, limits, count);
      if (check.ok) return at;
      const next = nextSlot(at, limits, count);
      const nextText = next === null ? '—' : formatZonedIso(next, limits.timeZone);
      if (check.reason === 'quiet') {
        throw new StudioError({
          code: 'BAD_INPUT',
          field: 'at',
          message: `${row.persona_nickname} does not post between ${limits.quietHours!.start} and ${limits.quietHours!.end} (${limits.timeZone}); the next allowed time is ${nextText}.`,
          ...say('kol.core.inQuietHours', { start: limits.quietHours!.start, end: limits.quietHours!.end, zone: limits.timeZone, next: nextText }),
        });
      }
      throw new StudioError({
        code: 'BAD_INPUT',
        field: 'at',
        message: `${row.persona_nickname} already has ${limits.perDay} post(s) that day (${limits.timeZone}); the next allowed time is ${nextText}.`,
        ...say('kol.core.overDailyLimit', { limit: limits.perDay, zone: limits.timeZone, next: nextText }),
      });
    }
    const next = nextSlot(from, limits, count);
    if (next === null) {
      throw new StudioError({ code: 'CONFLICT', message: `No free slot within ${SLOT_SEARCH_DAYS} days.`, ...say('kol.core.noFreeSlot', { days: SLOT_SEARCH_DAYS }) });
    }
    return next;
  }

  /** The persona's posts on the calendar or out on a day: scheduled by their time, published by when they went out. */
  private dayCount(personaId: string): DayCount {
    const s = this.kol.store.sqlite.prepare(
      `SELECT COUNT(*) AS n FROM kol_posts INDEXED BY kol_posts_persona_queue WHERE persona_id = ? AND status IN ('scheduled', 'published')
         AND COALESCE(published_at, scheduled_at) >= ? AND COALESCE(published_at, scheduled_at) < ?`,
    );
    return (start, end) => (s.get(personaId, start, end) as { n: number }).n;
  }

  /** Moves the record an outbox post carries to match what the outbox says; a listener, so it never throws. */
  private follow(post: OutboxPostView): void {
    const row = this.kol.byOutboxPost(post.id);
    if (!row) return;
    try {
      const now = this.now();
      const actor = SYSTEM_ACTORS.outbox;
      let current = row;
      const move = (to: KolPostRow['status'], patch: TransitionPatch): void => {
        current = this.kol.transition(current.id, current.status, to, actor, now, null, patch);
        emitPost(this.events, current);
      };
      if (post.state === 'published') {
        if (current.status === 'failed') move('scheduled', { publishError: null });
        if (current.status === 'scheduled') move('published', { platformPostId: post.platformPostId, url: post.url, publishedAt: post.publishedAt ?? now, publishError: null });
      } else if (post.state === 'failed') {
        if (current.status === 'scheduled') move('failed', { publishError: localizedOf(post.failure?.error) });
      } else if (post.state === 'scheduled' || post.state === 'publishing') {
        if (current.status === 'failed') move('scheduled', { publishError: null, scheduledAt: post.scheduledAt });
        else if (current.status === 'scheduled' && post.scheduledAt !== null && post.scheduledAt !== current.scheduled_at && this.kol.moveScheduled(current.id, post.scheduledAt, now)) {
          emitPost(this.events, this.posts.mustGet(current.id));
        }
      } else if (post.state === 'canceled') {
        if (current.status === 'scheduled' || current.status === 'failed') move('approved', OFF_CALENDAR);
      }
    } catch (err) {
      // A record another path moved first (the guard refused) is already where it should be; anything else must
      // not break the outbox's own work (this runs inside its event), so it is told and the next event or start retries.
      if (!(err instanceof StudioError && err.code === 'CONFLICT')) console.error(`kol: record ${row.id} could not follow outbox post ${post.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** The outbox's error as the record keeps it: its message key when it has one, else its words. */
function localizedOf(error: ErrorInfo | undefined): Localized {
  if (error?.key) return error.params ? { key: error.key, params: error.params } : { key: error.key };
  return say('kol.core.publishFailed', { detail: error?.message ?? 'unknown' });
}
