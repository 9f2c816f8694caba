import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';

/**
 * What the desktop shows of a notice; `data` is what it needs per kind: a connection's platform, name
 * and the platform's reason; until when withdrawals are locked; when 2FA changed.
 */
export type NoticeView = { id: string; subject_id: string | null; title: string; body: string; created_at: number } & (
  | { kind: 'connection_needs_reconnect'; data: { connection_id: string; platform: string; display_name: string; reason: string } }
  | { kind: 'withdrawals_locked'; data: { locked_until: number } }
  | { kind: 'totp_changed'; data: { changed_at: number; review_until: number; first: boolean } }
);

type NoticeOf<K extends NoticeView['kind']> = Extract<NoticeView, { kind: K }>;

/** In-app notices to a user (not to the operators: those are alerts). Each user reads and clears only their own. */
export class NoticeService {
  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
  ) {}

  /** A connection's refresh failed: tell its owner which account, and what the platform said. */
  async connectionNeedsReconnect(userId: string, c: { id: string; platform: string; display_name: string; reason: string }): Promise<void> {
    const data: NoticeOf<'connection_needs_reconnect'>['data'] = { connection_id: c.id, platform: c.platform, display_name: c.display_name, reason: c.reason };
    await this.add(userId, 'connection_needs_reconnect', c.id, `Reconnect your ${c.platform} account`, `${c.display_name}: ${c.reason}`, data);
  }

  /** Wrong authenticator codes locked the owner's withdrawals: say so, and until when. */
  async withdrawalsLocked(userId: string, lockedUntil: number): Promise<void> {
    const data: NoticeOf<'withdrawals_locked'>['data'] = { locked_until: lockedUntil };
    const body = `Five wrong authenticator codes were given for withdrawals; they are locked until ${new Date(lockedUntil).toISOString()}. If this was not you, change your password.`;
    await this.add(userId, 'withdrawals_locked', null, 'Withdrawals locked', body, data);
  }

  /** 2FA was turned on or its authenticator changed (the owner is emailed too). */
  async totpChanged(userId: string, c: { changedAt: number; reviewUntil: number; first: boolean }): Promise<void> {
    const data: NoticeOf<'totp_changed'>['data'] = { changed_at: c.changedAt, review_until: c.reviewUntil, first: c.first };
    const body = `Withdrawals requested until ${new Date(c.reviewUntil).toISOString()} are held for review. If this was not you, change your password and contact support.`;
    await this.add(userId, 'totp_changed', null, c.first ? 'Two-factor authentication turned on' : 'Authenticator changed', body, data);
  }

  private async add<K extends NoticeView['kind']>(userId: string, kind: K, subjectId: string | null, title: string, body: string, data: NoticeOf<K>['data']): Promise<void> {
    await this.h.db
      .insertInto('notifications')
      .values({ id: randomUUID(), user_id: userId, kind, subject_id: subjectId, title, body, data: JSON.stringify(data), created_at: this.clock.now(), read_at: null })
      .execute();
  }

  /** The connection works again (reconnected): its notices are settled. */
  async resolveConnection(userId: string, connectionId: string): Promise<void> {
    await this.h.db.updateTable('notifications').set({ read_at: this.clock.now() }).where('user_id', '=', userId).where('subject_id', '=', connectionId).where('read_at', 'is', null).execute();
  }

  async unread(userId: string, limit: number): Promise<NoticeView[]> {
    const rows = await this.h.db
      .selectFrom('notifications')
      .select(['id', 'kind', 'subject_id', 'title', 'body', 'data', 'created_at'])
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .orderBy('created_at')
      .limit(limit)
      .execute();
    // Each row's data was written for its kind (add above).
    return rows.map((r) => ({ ...r, created_at: Number(r.created_at), data: JSON.parse(r.data) as unknown }) as NoticeView);
  }

  /** Marks the user's own notices read; ids of other users' notices change nothing. */
  async markRead(userId: string, ids: readonly string[]): Promise<{ marked: number }> {
    const r = await this.h.db.updateTable('notifications').set({ read_at: this.clock.now() }).where('user_id', '=', userId).where('id', 'in', ids).where('read_at', 'is', null).executeTakeFirst();
    return { marked: Number(r.numUpdatedRows) };
  }
}
