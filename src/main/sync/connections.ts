import { randomUUID, timingSafeEqual } from 'node:crypto';
import { toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { OAUTH_PLATFORM_NAMES, type AgencyClient, type ConnectionView, type OAuthPlatform, type OAuthStart } from '../../shared/partners.js';
import type { EventBus } from '../events.js';
import { listenForRedirect, type CallbackOutcome, type RedirectCallback, type RedirectListener } from './oauth-loopback.js';
import type { SyncService } from './service.js';

/**
 * Where platforms send the browser after consent: the app listens there
 * (src/main/sync/oauth-loopback.ts) and, when it cannot, the user copies the
 * address back. Read when the service is made, so a test or a second instance
 * can pick its own port.
 */
export function defaultOAuthRedirect(): string {
  return process.env.KINGJAM_OAUTH_REDIRECT_URI ?? 'http://127.0.0.1:53682/oauth/callback';
}

/** The cloud's state lifetime as a local timeout; clamped, since its clock and ours may disagree. */
function stateLifetimeMs(expiresAt: number): number {
  return Math.min(Math.max(expiresAt - Date.now(), 30_000), 60 * 60_000);
}

function sameState(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The platform's own refusal (RFC 6749 §4.1.2.1), in words the user can act on. */
function platformRefusal(platform: OAuthPlatform, callback: { error: string; description: string | null }): ErrorInfo {
  const said = callback.description ? `${callback.error}: ${callback.description}` : callback.error;
  const name = OAUTH_PLATFORM_NAMES[platform];
  if (callback.error === 'access_denied') {
    return { code: 'CANCELED', message: `Access was not allowed on ${name} (${said}); nothing was connected.`, hint: 'Connect again and choose Allow on the platform’s page.', ...say('oauth.denied', { platform: name, said }) };
  }
  return {
    code: 'FORBIDDEN',
    message: `${name} refused the sign-in (${said}).`,
    hint: 'Try connecting again; if it keeps failing, the platform app’s settings on the KingJam cloud need checking.',
    ...say('oauth.refused', { platform: name, said }),
    retryable: callback.error === 'server_error' || callback.error === 'temporarily_unavailable',
  };
}

/** One connection attempt the app is waiting on; at most one at a time (they share the redirect address). */
interface OAuthFlow {
  id: string;
  state: string;
  platform: OAuthPlatform;
  listener: RedirectListener | null;
}

interface CloudConnection {
  id: string;
  client_id: string | null;
  platform: string;
  account_id: string;
  display_name: string;
  scopes: string[];
  status: 'active' | 'needs_reconnect';
  last_error: string | null;
  expires_at: number | null;
  refreshed_at: number | null;
}

const connectionView = (c: CloudConnection): ConnectionView => ({
  id: c.id,
  clientId: c.client_id,
  platform: c.platform,
  accountId: c.account_id,
  displayName: c.display_name,
  scopes: c.scopes,
  status: c.status,
  lastError: c.last_error,
  expiresAt: c.expires_at,
  refreshedAt: c.refreshed_at,
});

/**
 * Agency clients and social connections (Connections page, the outbox's
 * token refresh): typed calls to cloud-sync, which keeps the tokens; the
 * OAuth sign-in's loopback wait lives here.
 */
export class ConnectionService {
  private flow: OAuthFlow | null = null;

  constructor(
    private readonly sync: SyncService,
    private readonly events: EventBus,
    private readonly oauthRedirect = defaultOAuthRedirect(),
  ) {}

  async clients(): Promise<AgencyClient[]> {
    const r = await this.sync.cloud<{ clients: { id: string; name: string; created_at: number }[] }>('GET', '/v1/clients');
    return r.clients.map((c) => ({ id: c.id, name: c.name, createdAt: Number(c.created_at) }));
  }

  async createClient(name: string): Promise<AgencyClient> {
    const c = await this.sync.cloud<{ id: string; name: string; created_at: number }>('POST', '/v1/clients', { body: { name } });
    return { id: c.id, name: c.name, createdAt: Number(c.created_at) };
  }

  async connections(clientId?: string): Promise<ConnectionView[]> {
    const q = clientId ? `?client_id=${encodeURIComponent(clientId)}` : '';
    const r = await this.sync.cloud<{ connections: CloudConnection[] }>('GET', `/v1/connections${q}`);
    return r.connections.map(connectionView);
  }

  /**
   * Asks the cloud for the platform's sign-in address and listens at the
   * redirect address until the browser comes back (then finishes by itself
   * and emits connections.oauthCompleted), the state expires, or the flow is
   * cancelled or replaced. When it cannot listen, `listening` is false.
   */
  async startOAuth(platform: OAuthPlatform, clientId?: string): Promise<OAuthStart> {
    const r = await this.sync.cloud<{ authorize_url: string; state: string; expires_at: number }>('POST', '/v1/connections/oauth/start', {
      body: { platform, redirect_uri: this.oauthRedirect, ...(clientId ? { client_id: clientId } : {}) },
    });
    const flow: OAuthFlow = { id: randomUUID(), state: r.state, platform, listener: null };
    // The new attempt takes the redirect address over from one in progress.
    this.endFlow();
    this.flow = flow;
    flow.listener = await listenForRedirect(this.oauthRedirect, {
      timeoutMs: stateLifetimeMs(r.expires_at),
      onCallback: (callback) => this.completeFromBrowser(flow, callback),
      onTimeout: () => this.expire(flow),
    });
    // Cancelled or replaced while binding: this attempt is over.
    if (this.flow !== flow) flow.listener?.close();
    const listening = this.flow === flow && flow.listener !== null;
    return { authorizeUrl: r.authorize_url, state: r.state, expiresAt: r.expires_at, redirectUri: this.oauthRedirect, flowId: flow.id, listening };
  }

  /** Paste-back, and what the loopback listener calls: the cloud checks the state (single use, this user's, not expired) and PKCE. */
  async finishOAuth(input: { state: string; code: string }): Promise<ConnectionView> {
    // Finishing by hand ends the wait in the browser: the cloud burns the state either way.
    if (this.flow && sameState(this.flow.state, input.state)) this.endFlow();
    return connectionView(await this.sync.cloud<CloudConnection>('POST', '/v1/connections/oauth/callback', { body: { state: input.state, code: input.code } }));
  }

  cancelOAuth(flowId: string): { canceled: boolean } {
    if (this.flow?.id !== flowId) return { canceled: false };
    this.endFlow();
    return { canceled: true };
  }

  private endFlow(): void {
    this.flow?.listener?.close();
    this.flow = null;
  }

  /** The browser came back: finish (or not), tell the UI, and say what the browser's page should. */
  private async completeFromBrowser(flow: OAuthFlow, callback: RedirectCallback): Promise<CallbackOutcome> {
    const result = await this.browserResult(flow, callback);
    if (this.flow === flow) this.flow = null;
    this.events.emit('connections.oauthCompleted', { flowId: flow.id, ...result });
    return result.ok ? { platform: flow.platform, ok: true, account: result.connection.displayName } : { platform: flow.platform, ok: false, error: result.error };
  }

  private async browserResult(flow: OAuthFlow, callback: RedirectCallback): Promise<{ ok: true; connection: ConnectionView } | { ok: false; error: ErrorInfo }> {
    // Another attempt's answer (an old tab, a forged request) is refused here: it never reaches the cloud, so nothing is stored.
    // A refusal without a state is still the platform's: some omit it, and a refusal cannot connect anything.
    if (callback.state !== null && !sameState(callback.state, flow.state)) {
      return {
        ok: false,
        error: {
          code: 'BAD_INPUT',
          field: 'state',
          message: 'The browser came back from a sign-in other than the one in progress (its state does not match); nothing was connected.',
          hint: 'Start connecting again and finish in the browser tab it opens.',
          ...say('oauth.stateMismatch'),
        },
      };
    }
    if (callback.kind === 'error') return { ok: false, error: platformRefusal(flow.platform, callback) };
    try {
      return { ok: true, connection: await this.finishOAuth({ state: callback.state, code: callback.code }) };
    } catch (err) {
      return { ok: false, error: toErrorInfo(err) };
    }
  }

  private expire(flow: OAuthFlow): void {
    if (this.flow !== flow) return;
    this.flow = null;
    const error: ErrorInfo = { code: 'CANCELED', message: 'The sign-in expired before the browser came back; nothing was connected.', hint: 'Start connecting again.', ...say('oauth.expired') };
    this.events.emit('connections.oauthCompleted', { flowId: flow.id, ok: false, error });
  }

  async connectWordPress(input: { siteUrl: string; username: string; appPassword: string; clientId?: string | undefined }): Promise<ConnectionView> {
    return connectionView(
      await this.sync.cloud<CloudConnection>('POST', '/v1/connections/wordpress', {
        body: { site_url: input.siteUrl, username: input.username, app_password: input.appPassword, ...(input.clientId ? { client_id: input.clientId } : {}) },
      }),
    );
  }

  /** A LINE Official Account by its channel access token (the cloud checks it with LINE and keeps it encrypted). */
  async connectLineOa(input: { channelAccessToken: string; clientId?: string | undefined }): Promise<ConnectionView> {
    return connectionView(
      await this.sync.cloud<CloudConnection>('POST', '/v1/connections/line-oa', {
        body: { channel_access_token: input.channelAccessToken, ...(input.clientId ? { client_id: input.clientId } : {}) },
      }),
    );
  }

  /**
   * Renews a connection's token now: what the outbox asks once when a
   * platform answered "token expired". The cloud answers the new expiry, or
   * 409 NEEDS_RECONNECT (a CONFLICT here, its cloud code NEEDS_RECONNECT)
   * after marking the connection when the platform refused.
   */
  async refreshConnection(id: string): Promise<{ connectionId: string; expiresAt: number | null }> {
    const r = await this.sync.cloud<{ connection_id: string; expires_at: number | null }>('POST', `/v1/connections/${encodeURIComponent(id)}/refresh`);
    return { connectionId: r.connection_id, expiresAt: r.expires_at };
  }

  async removeConnection(id: string): Promise<{ removed: true }> {
    await this.sync.cloud('DELETE', `/v1/connections/${encodeURIComponent(id)}`);
    return { removed: true };
  }
}
