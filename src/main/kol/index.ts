import os from 'node:os';
import type { Reviewer } from '../../shared/api/kol-contract.js';
import type { KolPostView } from '../../shared/kol/post-record.js';
import type { EventBus } from '../events.js';
import type { PublishService } from '../publish/service.js';
import type { Store } from '../store/db.js';
import type { SyncService } from '../sync/service.js';
import { OutboxLink } from './outbox-link.js';
import { PersonaService } from './personas.js';
import { BatchPostTime } from './batch-post-time.js';
import type { DraftSink, GeneratedDraft } from './ports.js';
import { PostService } from './posts.js';
import { KolQueue } from './queue.js';
import { ReviewService } from './review.js';
import { agencyScorer, type DraftScorer } from './scoring.js';
import { KolStore } from './store.js';

export interface KolOptions {
  /** The clock of review undo windows, history rows and free slots (tests move it by hand). */
  now?: () => number;
  scorer?: DraftScorer;
}

/**
 * Who review actions are recorded as: the signed-in KingJam Cloud account's
 * email, else this computer's user name (the review page says which).
 */
export function reviewerOf(sync: Pick<SyncService, 'view'>): Reviewer {
  const account = sync.view();
  if (account.signedIn && account.email) return { name: account.email, source: 'cloud' };
  let name = 'local user';
  try {
    name = os.userInfo().username || name;
  } catch {
    // No user entry for this uid (a container): the generic name stands.
  }
  return { name, source: 'os' };
}

/**
 * The KOL workspace's core (issue 14): personas, post records, review and
 * the link to the outbox, as `studio.kol`. It is the DraftSink batches save
 * written posts through (`studio.kol.saveGenerated(draft)`).
 */
export class KolService implements DraftSink {
  readonly store: KolStore;
  readonly personas: PersonaService;
  readonly posts: PostService;
  readonly review: ReviewService;
  readonly outbox: OutboxLink;
  /** Posts of batches written for a post time go on the calendar once approved (started by processes that work the queue). */
  readonly postTime: BatchPostTime;
  private readonly stopListening: () => void;

  constructor(deps: { store: Store; events: EventBus; publish: PublishService; sync: Pick<SyncService, 'view'> }, options: KolOptions = {}) {
    const now = options.now ?? Date.now;
    const reviewer = (): Reviewer => reviewerOf(deps.sync);
    const actor = (): string => reviewer().name;
    this.store = new KolStore(deps.store);
    const queue = new KolQueue(deps.store.sqlite);
    this.personas = new PersonaService(this.store, now);
    this.posts = new PostService(this.store, this.personas, queue, options.scorer ?? agencyScorer(this.store, now), deps.events, now, actor);
    this.review = new ReviewService(this.store, queue, deps.events, now, reviewer);
    this.outbox = new OutboxLink(this.store, this.personas, this.posts, deps.publish, deps.events, now, actor);
    this.postTime = new BatchPostTime(this.store, this.personas, this.outbox, deps.events, (postId, err) => {
      // The post stays approved: the reviewer schedules it by hand (the page says when a post has no time yet).
      console.warn(`KOL post ${postId} could not be put on the calendar at its batch's post time: ${err instanceof Error ? err.message : String(err)}`);
    });
    this.stopListening = this.outbox.listen();
    this.outbox.reconcile();
  }

  saveGenerated(draft: GeneratedDraft): KolPostView {
    return this.posts.saveGenerated(draft);
  }

  close(): void {
    this.postTime.stop();
    this.stopListening();
  }
}
