import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors.js';
import type { PublishPlatform } from '../../shared/publish/platforms.js';
import type { OutboxPostView, OutboxState, PublishAccountView } from '../../shared/publish/post.js';
import { api, errorInfoOf } from '../api/index.js';
import { startOfDay, visibleRange, type CalendarView, type WeekStart } from '../lib/calendar.js';

/** The Scheduler page's filters; null is "all". */
export interface SchedulerFilters {
  clientId: string | null;
  accountId: string | null;
  platform: PublishPlatform | null;
  state: OutboxState | null;
}

/** Where a post sits on the calendar: its time, else when it was published or last changed (a "publish now" post has no time). */
export function postTime(post: OutboxPostView): number | null {
  if (post.scheduledAt !== null) return post.scheduledAt;
  if (post.publishedAt !== null) return post.publishedAt;
  return post.state === 'draft' ? null : post.updatedAt;
}

/** Whether a post may still be moved on the calendar (the server refuses the others). */
export function canReschedule(post: OutboxPostView): boolean {
  return post.state === 'scheduled' || post.state === 'failed' || post.state === 'draft' || post.state === 'canceled';
}

interface SchedulerState {
  view: CalendarView;
  anchor: number;
  weekStart: WeekStart;
  filters: SchedulerFilters;
  accounts: PublishAccountView[] | null;
  accountsError: ErrorInfo | null;
  /** Posts with a time in the shown range. */
  posts: OutboxPostView[];
  /** Drafts without a time (shown in the list view). */
  drafts: OutboxPostView[];
  loading: boolean;
  error: ErrorInfo | null;
  loadAccounts(refresh?: boolean): Promise<void>;
  load(): Promise<void>;
  setView(view: CalendarView): void;
  setAnchor(anchor: number): void;
  setFilters(patch: Partial<SchedulerFilters>): void;
  /** A post from main (an event or an action's answer): kept, replaced or dropped as the filters and range say. */
  received(post: OutboxPostView): void;
  /** Moves a post, shown at once and put back if main refuses; throws main's error. */
  reschedule(id: string, scheduledAt: number): Promise<void>;
}

function accountOf(accounts: PublishAccountView[] | null, id: string): PublishAccountView | undefined {
  return accounts?.find((a) => a.id === id);
}

/** How far along a post is: breaks a tie between two copies changed in the same millisecond. */
const PROGRESS: Record<OutboxState, number> = { draft: 0, scheduled: 1, canceled: 1, publishing: 2, failed: 3, published: 4 };

/**
 * Whether `incoming` is older than the copy shown: an action's answer can
 * arrive after the events that followed it (publish now → publishing →
 * published), and must not put the post back.
 */
export function isStale(incoming: OutboxPostView, shown: OutboxPostView | undefined): boolean {
  if (!shown) return false;
  if (incoming.updatedAt !== shown.updatedAt) return incoming.updatedAt < shown.updatedAt;
  return PROGRESS[incoming.state] < PROGRESS[shown.state];
}

export function matchesFilters(post: OutboxPostView, filters: SchedulerFilters, accounts: PublishAccountView[] | null): boolean {
  if (filters.accountId && post.accountId !== filters.accountId) return false;
  if (filters.platform && post.platform !== filters.platform) return false;
  if (filters.state && post.state !== filters.state) return false;
  if (filters.clientId && accountOf(accounts, post.accountId)?.clientId !== filters.clientId) return false;
  return true;
}

/** Replaces a post where it was (the calendar keeps its order), adds it at the end, or drops it. */
function upsert(list: OutboxPostView[], post: OutboxPostView, keep: boolean): OutboxPostView[] {
  if (!keep) return list.filter((p) => p.id !== post.id);
  return list.some((p) => p.id === post.id) ? list.map((p) => (p.id === post.id ? post : p)) : [...list, post];
}

export const useSchedulerStore = create<SchedulerState>((set, get) => {
  let ticket = 0;

  function listFilter() {
    const { filters } = get();
    return {
      ...(filters.clientId ? { clientId: filters.clientId } : {}),
      ...(filters.accountId ? { accountIds: [filters.accountId] } : {}),
      ...(filters.platform ? { platforms: [filters.platform] } : {}),
      ...(filters.state ? { states: [filters.state] } : {}),
    };
  }

  return {
    view: 'month',
    anchor: startOfDay(Date.now()),
    weekStart: 0,
    filters: { clientId: null, accountId: null, platform: null, state: null },
    accounts: null,
    accountsError: null,
    posts: [],
    drafts: [],
    loading: true,
    error: null,

    async loadAccounts(refresh = false) {
      try {
        set({ accounts: await api().call('publish.accounts', { refresh }), accountsError: null });
      } catch (err) {
        set({ accountsError: errorInfoOf(err) });
      }
    },

    async load() {
      const mine = ++ticket;
      const { view, anchor, weekStart, filters } = get();
      const range = visibleRange(view, anchor, weekStart);
      set({ error: null });
      try {
        const [timed, drafts] = await Promise.all([
          api().call('publish.list', { ...listFilter(), from: range.from, to: range.to, limit: 5000 }),
          filters.state === null || filters.state === 'draft' ? api().call('publish.list', { ...listFilter(), states: ['draft'], limit: 500 }) : Promise.resolve([]),
        ]);
        if (mine !== ticket) return;
        const inRange = (p: OutboxPostView) => {
          const at = postTime(p);
          return at !== null && at >= range.from && at < range.to;
        };
        set({ posts: timed.filter(inRange), drafts: drafts.filter((p) => p.scheduledAt === null), loading: false });
      } catch (err) {
        if (mine === ticket) set({ loading: false, error: errorInfoOf(err) });
      }
    },

    setView(view) {
      set({ view, loading: true });
      void get().load();
    },

    setAnchor(anchor) {
      set({ anchor, loading: true });
      void get().load();
    },

    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch }, loading: true });
      void get().load();
    },

    received(post) {
      const { view, anchor, weekStart, filters, accounts } = get();
      if (isStale(post, get().posts.find((p) => p.id === post.id) ?? get().drafts.find((p) => p.id === post.id))) return;
      const range = visibleRange(view, anchor, weekStart);
      const at = postTime(post);
      const shown = matchesFilters(post, filters, accounts);
      set({
        posts: upsert(get().posts, post, shown && at !== null && at >= range.from && at < range.to),
        drafts: upsert(get().drafts, post, shown && post.state === 'draft' && post.scheduledAt === null),
      });
    },

    async reschedule(id, scheduledAt) {
      const before = get().posts.find((p) => p.id === id) ?? get().drafts.find((p) => p.id === id);
      if (!before) return;
      get().received({ ...before, scheduledAt });
      try {
        get().received(await api().call('publish.reschedule', { id, scheduledAt }));
      } catch (err) {
        get().received(before);
        throw err;
      }
    },
  };
});
