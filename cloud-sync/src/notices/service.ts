import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';

/** What the desktop shows of a notice. `data` holds the connection's platform, name and the platform's reason. */
export interface NoticeView {
  id: string;
  kind: 'connection_needs_reconnect';
  subject_id: string | null;
  title: string;
  body: string;
  data: { connection_id: string; platform: string; display_name: string; reason: string };
  created_at: number;
}

/** In-app notices to a user (not to the operators: those are alerts). Each user reads and clears only their own. */
export class NoticeService {
  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
  ) {}

  /** A connection's refresh failed: tell its owner which account, and what the platform said. */
  async connectionNeedsReconnect(userId: string, c: { id: string; platform: string; display_name: string; reason: string }): Promise<void> {
    const data: NoticeView['data'] = { connection_id: c.id, platform: c.platform, display_name: c.display_name, reason: c.reason };
    await this.h.db
      .insertInto('notifications')
      .values({
        id: randomUUID(),
        user_id: userId,
        kind: 'connection_needs_reconnect',
        subject_id: c.id,
        title: `Reconnect your ${c.platform} account`,
        body: `${c.display_name}: ${c.reason}`,
        data: JSON.stringify(data),
        created_at: this.clock.now(),
        read_at: null,
      })
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
    return rows.map((r) => ({ ...r, created_at: Number(r.created_at), data: JSON.parse(r.data) as NoticeView['data'] }));
  }

  /** Marks the user's own notices read; ids of other users' notices change nothing. */
  async markRead(userId: string, ids: readonly string[]): Promise<{ marked: number }> {
    const r = await this.h.db.updateTable('notifications').set({ read_at: this.clock.now() }).where('user_id', '=', userId).where('id', 'in', ids).where('read_at', 'is', null).executeTakeFirst();
    return { marked: Number(r.numUpdatedRows) };
  }
}
