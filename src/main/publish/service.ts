import { randomUUID } from 'node:crypto';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { DraftContent, PostCheck } from '../../shared/api/publish-contract.js';
import type { PublishPlatform } from '../../shared/publish/platforms.js';
import type { MissedPolicy, OutboxPostView, OutboxState, PostPayload } from '../../shared/publish/post.js';
import { validatePost } from '../../shared/publish/validate.js';
import type { EventBus } from '../events.js';
import type { SqliteJobQueue } from '../jobs/sqlite-queue.js';
import type { AccountRow, PublishAccounts } from './accounts.js';
import type { PostMediaResolver } from './media.js';
import type { ListFilter, OutboxStore, PostRow } from './store.js';

type PerPlatform = Partial<Record<PublishPlatform, DraftContent>>;

export interface CreateInput {
  accountIds: string[];
  content: DraftContent;
  perPlatform: PerPlatform;
  action: 'draft' | 'schedule' | 'now';
  scheduledAt: number | null;
  missedPolicy?: MissedPolicy | undefined;
}

/** States a post may be edited in: never while a platform may be taking it, never once it is live. */
const EDITABLE: OutboxState[] = ['draft', 'scheduled', 'failed', 'canceled'];

/**
 * The outbox as the UI and the CLI use it: one row per account from one
 * draft, edits, reschedules, retries and cancels, each guarded by the
 * post's state. Publishing itself is the dispatcher's (./dispatch.ts); this
 * service only makes posts due and tells the scheduler.
 */
export class PublishService {
  constructor(
    readonly outbox: OutboxStore,
    readonly accounts: PublishAccounts,
    private readonly media: PostMediaResolver,
    private readonly jobs: SqliteJobQueue,
    private readonly events: EventBus,
    private readonly now: () => number,
    /** Called when a post may have become due sooner (the scheduler looks again). */
    private readonly poke: () => void,
  ) {}

  /**
   * Emits `publish.updated` with the post as it is now, and lets the scheduler look again
   * (`poke` false: the change cannot make anything due sooner, as an attempt the dispatcher just started).
   */
  changed(postId: string, poke = true): void {
    const row = this.outbox.get(postId);
    if (row) this.events.emit('publish.updated', this.outbox.view(row));
    if (poke) this.poke();
  }

  /** Each account's post as it would be sent, and what its platform would refuse. */
  async check(input: { accountIds: string[]; content: DraftContent; perPlatform: PerPlatform }): Promise<PostCheck[]> {
    const out: PostCheck[] = [];
    for (const account of input.accountIds.map((id) => this.accounts.mustGet(id))) {
      const payload = await this.media.payload(input.perPlatform[account.platform] ?? input.content);
      out.push({ accountId: account.id, platform: account.platform, problems: validatePost(account.platform, payload) });
    }
    return out;
  }

  async create(input: CreateInput): Promise<OutboxPostView[]> {
    const accounts = input.accountIds.map((id) => this.accounts.mustGet(id));
    const now = this.now();
    if (input.action === 'schedule' && input.scheduledAt === null) {
      throw new StudioError({ code: 'BAD_INPUT', message: 'A scheduled post needs a time.', field: 'scheduledAt', ...say('publish.outbox.timeMissing') });
    }
    const posts: { account: AccountRow; payload: PostPayload }[] = [];
    for (const account of accounts) posts.push({ account, payload: await this.media.payload(input.perPlatform[account.platform] ?? input.content) });
    if (input.action !== 'draft') this.refuseProblems(posts);
    const groupId = posts.length > 1 ? randomUUID() : null;
    const ids = this.outbox.store.transaction(() =>
      posts.map(({ account, payload }) => {
        const id = randomUUID();
        this.outbox.insert({
          id,
          groupId,
          accountId: account.id,
          platform: account.platform,
          state: input.action === 'draft' ? 'draft' : 'scheduled',
          payload,
          // "Now" is a post due this moment: the dispatcher starts it like any due post, within the rate limits.
          scheduledAt: input.action === 'now' ? now : input.action === 'schedule' ? input.scheduledAt : input.scheduledAt,
          missedPolicy: input.missedPolicy ?? account.missed_policy,
          now,
        });
        return id;
      }),
    );
    if (input.action !== 'draft') for (const { payload } of posts) this.media.holdForPost(payload);
    // Each new post's view is built once, for the event and the answer.
    const views = ids.map((id) => this.get(id));
    for (const view of views) this.events.emit('publish.updated', view);
    this.poke();
    return views;
  }

  /** Refuses the whole create with every account's problems, each field prefixed with the account it concerns. */
  private refuseProblems(posts: { account: AccountRow; payload: PostPayload }[]): void {
    const problems = posts.flatMap(({ account, payload }) => validatePost(account.platform, payload).map((p) => ({ account, ...p })));
    const first = problems[0];
    if (!first) return;
    const list = problems.map((p) => `${p.account.display_name} (${p.account.platform}) ${p.field}: ${p.message.key}`).join('; ');
    throw new StudioError({
      code: 'BAD_INPUT',
      message: `${problems.length} problem(s) must be fixed before this post can be scheduled: ${list}.`,
      field: `${first.account.id}.${first.field}`,
      ...first.message,
    });
  }

  list(filter: ListFilter & { clientId?: string | undefined }): OutboxPostView[] {
    let accountIds = filter.accountIds;
    if (filter.clientId !== undefined) {
      const ofClient = this.accounts.rows().filter((a) => a.client_id === filter.clientId).map((a) => a.id);
      accountIds = accountIds ? accountIds.filter((id) => ofClient.includes(id)) : ofClient;
    }
    return this.outbox.list({ ...filter, accountIds }).map((r) => this.outbox.view(r));
  }

  get(id: string): OutboxPostView {
    return this.outbox.view(this.mustGet(id));
  }

  summary(): Record<OutboxState, number> {
    return this.outbox.summary();
  }

  async update(input: { id: string; content?: DraftContent | undefined; scheduledAt?: number | null | undefined; missedPolicy?: MissedPolicy | undefined }): Promise<OutboxPostView> {
    const row = this.mustGet(input.id);
    this.mustBeEditable(row);
    const payload = input.content ? await this.media.payload(input.content) : (JSON.parse(row.payload) as PostPayload);
    const scheduledAt = input.scheduledAt !== undefined ? input.scheduledAt : row.scheduled_at;
    // A draft stays a draft; a scheduled post with its edits stays scheduled; a failed or canceled one is edited back to a draft to be rescheduled.
    const state: OutboxState = row.state === 'scheduled' && scheduledAt !== null ? 'scheduled' : 'draft';
    if (state === 'scheduled') this.refuseProblems([{ account: this.accounts.mustGet(row.account_id), payload }]);
    this.edit(row, { state, payload, scheduledAt, missedPolicy: input.missedPolicy ?? row.missed_policy });
    if (state === 'scheduled') this.media.holdForPost(payload);
    return this.get(row.id);
  }

  /** Drag on the calendar: a new time; a draft, failed or canceled post dropped on a slot is scheduled there. */
  reschedule(id: string, scheduledAt: number): OutboxPostView {
    const row = this.mustGet(id);
    this.mustBeEditable(row);
    const payload = JSON.parse(row.payload) as PostPayload;
    this.refuseProblems([{ account: this.accounts.mustGet(row.account_id), payload }]);
    this.edit(row, { state: 'scheduled', payload, scheduledAt, missedPolicy: row.missed_policy });
    this.media.holdForPost(payload);
    return this.get(id);
  }

  /** Publishes a draft, scheduled, failed or canceled post now (within the rate limits). */
  publishNow(id: string): OutboxPostView {
    return this.reschedule(id, this.now());
  }

  /** A failed or canceled post, again now; its earlier attempts stay in its history. */
  retry(id: string): OutboxPostView {
    const row = this.mustGet(id);
    if (row.state !== 'failed' && row.state !== 'canceled') {
      throw new StudioError({ code: 'CONFLICT', message: `Only a failed or canceled post can be retried; this one is ${row.state}.`, ...say('publish.outbox.cannotRetry', { state: row.state }) });
    }
    return this.publishNow(id);
  }

  /**
   * Cancels a post that has not gone out. A publishing post is canceled only
   * while the platform has not been sent anything that cannot be undone (its
   * attempt has saved no checkpoint); otherwise it is refused with why.
   */
  async cancel(id: string): Promise<OutboxPostView> {
    const row = this.mustGet(id);
    if (row.state === 'draft' || row.state === 'scheduled' || row.state === 'failed') {
      if (!this.outbox.canceled(id, row.state, this.now())) throw changedMeanwhile();
      this.changed(id);
      return this.get(id);
    }
    if (row.state === 'publishing') {
      if (row.job_id === null) {
        // Between attempts (a backoff or a token refresh): nothing is at the platform now.
        if (!this.outbox.canceled(id, 'publishing', this.now())) throw changedMeanwhile();
        this.changed(id);
        return this.get(id);
      }
      const attempt = this.outbox.lastAttempt(id);
      if (attempt?.checkpoint) {
        throw new StudioError({ code: 'CONFLICT', message: 'The platform is already taking this post; it can no longer be canceled.', ...say('publish.outbox.alreadySent') });
      }
      // The job's end (canceled) cancels the post in the same transaction; a checkpoint asked for after this is refused.
      await this.jobs.cancel(row.job_id);
      return this.get(id);
    }
    throw new StudioError({ code: 'CONFLICT', message: `This post is ${row.state}; it cannot be canceled.`, ...say('publish.outbox.cannotCancel', { state: row.state }) });
  }

  private edit(row: PostRow, next: { state: OutboxState; payload: PostPayload; scheduledAt: number | null; missedPolicy: MissedPolicy }): void {
    if (!this.outbox.edit(row.id, row.state, next, this.now())) throw changedMeanwhile();
    this.changed(row.id);
  }

  private mustBeEditable(row: PostRow): void {
    if (!EDITABLE.includes(row.state)) {
      throw new StudioError({ code: 'CONFLICT', message: `This post is ${row.state}; it can no longer be edited.`, ...say('publish.outbox.cannotEdit', { state: row.state }) });
    }
  }

  private mustGet(id: string): PostRow {
    const row = this.outbox.get(id);
    if (!row) throw new StudioError({ code: 'NOT_FOUND', message: `There is no post ${id} in the outbox.`, ...say('publish.outbox.notFound') });
    return row;
  }
}

function changedMeanwhile(): StudioError {
  return new StudioError({ code: 'CONFLICT', message: 'The post changed meanwhile; look at it again.', ...say('publish.outbox.changedMeanwhile') });
}
