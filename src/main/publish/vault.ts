import type { ConnectionView } from '../../shared/partners.js';
import type { SyncService } from '../sync/service.js';
import { PartnerService } from '../sync/partners.js';
import type { Store } from '../store/db.js';
import type { EventBus } from '../events.js';

/**
 * What publishing needs from KingJam Cloud's token vault, through the
 * signed-in sync service: the connections, a short-lived access token for one
 * publish (never stored on the desktop), a forced refresh when a platform said
 * the token expired, and the media relay's address for the worker.
 */
export interface PublishVault {
  connections(): Promise<ConnectionView[]>;
  /** Agency clients by id (their names label the accounts). */
  clients(): Promise<Map<string, string>>;
  accessToken(connectionId: string): Promise<string>;
  /** `POST /v1/connections/:id/refresh`: renews the platform token now. */
  refresh(connectionId: string): Promise<void>;
  /** The cloud's address and a credential the worker's relay client sends (the session's access token). */
  relay(): Promise<{ url: string; token: string } | null>;
}

export function syncVault(sync: SyncService, store: Store, events: EventBus): PublishVault {
  const partners = new PartnerService(sync, store, events);
  return {
    connections: () => partners.connections(),
    clients: async () => new Map((await partners.clients()).map((c) => [c.id, c.name])),
    async accessToken(connectionId) {
      const r = await sync.cloud<{ access_token: string }>('POST', `/v1/connections/${encodeURIComponent(connectionId)}/access-token`);
      return r.access_token;
    },
    async refresh(connectionId) {
      await sync.cloud('POST', `/v1/connections/${encodeURIComponent(connectionId)}/refresh`);
    },
    async relay() {
      if (!sync.view().signedIn) return null;
      const { relayUrl, token } = await sync.relayCredentials();
      return { url: relayUrl, token };
    },
  };
}
