import type { ConnectionView } from '../../shared/partners.js';
import type { SyncService } from '../sync/service.js';
import { ConnectionService } from '../sync/connections.js';
import type { Store } from '../store/db.js';
import type { EventBus } from '../events.js';

/**
 * What publishing needs from KingJam Cloud's token vault, through the
 * signed-in sync service: the connections, a short-lived access token for one
 * publish (held in memory only, never stored on the desktop), a forced
 * refresh when a platform said the token expired, and the media relay's
 * address and credential for the worker.
 */
export interface PublishVault {
  connections(): Promise<ConnectionView[]>;
  /** Agency clients by id (their names label the accounts). */
  clients(): Promise<Map<string, string>>;
  accessToken(connectionId: string): Promise<string>;
  /** `POST /v1/connections/:id/refresh`: renews the platform token now (409 NEEDS_RECONNECT when the platform refused). */
  refresh(connectionId: string): Promise<void>;
  relay(): Promise<{ relayUrl: string; token: string }>;
}

/** A hand-out is reused for this long at most (a burst of posts to one account asks the vault once), never past its expiry. */
export const TOKEN_REUSE_MS = 60_000;

export function syncVault(sync: SyncService, store: Store, events: EventBus, now: () => number = Date.now): PublishVault {
  const partners = new ConnectionService(sync, events);
  const tokens = new Map<string, { token: string; until: number }>();
  return {
    connections: () => partners.connections(),
    clients: async () => new Map((await partners.clients()).map((c) => [c.id, c.name])),
    async accessToken(connectionId) {
      const kept = tokens.get(connectionId);
      if (kept && kept.until > now()) return kept.token;
      const r = await sync.cloud<{ access_token: string; expires_at: number | null }>('POST', `/v1/connections/${encodeURIComponent(connectionId)}/access-token`);
      tokens.set(connectionId, { token: r.access_token, until: Math.min(now() + TOKEN_REUSE_MS, r.expires_at ?? Infinity) });
      return r.access_token;
    },
    async refresh(connectionId) {
      tokens.delete(connectionId);
      await partners.refreshConnection(connectionId);
    },
    relay: () => sync.relayCredentials(),
  };
}
