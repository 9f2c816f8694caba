/** The OAuth platforms of seed §6.1 and what differs between them. Endpoints are overridable (tests use loopback fakes). */
export type PlatformId = 'meta' | 'threads' | 'tiktok' | 'linkedin' | 'youtube' | 'line';
export const OAUTH_PLATFORMS: readonly PlatformId[] = ['meta', 'threads', 'tiktok', 'linkedin', 'youtube', 'line'];

export interface PlatformConfig {
  authorizeUrl: string;
  tokenUrl: string;
  /** Who the token belongs to; answers JSON that `profile` reads. */
  profileUrl: string;
  /** Where the refresh goes when it is not `tokenUrl` (Threads, Meta). */
  refreshUrl?: string;
  scopes: string[];
  pkce: boolean;
  /** TikTok names the client id `client_key`. */
  clientIdParam: 'client_id' | 'client_key';
  /** How a token is renewed: an OAuth refresh_token grant, or re-exchanging the long-lived token (Meta, Threads). */
  refresh: 'refresh_token' | 'th_refresh_token' | 'fb_exchange_token';
  extraAuthorizeParams?: Record<string, string>;
  profile: (j: Record<string, unknown>) => { id: string; name: string };
  clientId: string;
  clientSecret: string;
}

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});

export const PLATFORM_DEFAULTS: Record<PlatformId, Omit<PlatformConfig, 'clientId' | 'clientSecret'>> = {
  meta: {
    authorizeUrl: 'https://www.facebook.com/v21.0/dialog/oauth',
    tokenUrl: 'https://graph.facebook.com/v21.0/oauth/access_token',
    profileUrl: 'https://graph.facebook.com/v21.0/me?fields=id,name',
    scopes: ['pages_show_list', 'pages_manage_posts', 'instagram_basic', 'instagram_content_publish'],
    pkce: false,
    clientIdParam: 'client_id',
    refresh: 'fb_exchange_token',
    profile: (j) => ({ id: str(j.id), name: str(j.name) }),
  },
  threads: {
    authorizeUrl: 'https://threads.net/oauth/authorize',
    tokenUrl: 'https://graph.threads.net/oauth/access_token',
    refreshUrl: 'https://graph.threads.net/refresh_access_token',
    profileUrl: 'https://graph.threads.net/v1.0/me?fields=id,username',
    scopes: ['threads_basic', 'threads_content_publish'],
    pkce: false,
    clientIdParam: 'client_id',
    refresh: 'th_refresh_token',
    profile: (j) => ({ id: str(j.id), name: str(j.username) }),
  },
  tiktok: {
    authorizeUrl: 'https://www.tiktok.com/v2/auth/authorize/',
    tokenUrl: 'https://open.tiktokapis.com/v2/oauth/token/',
    profileUrl: 'https://open.tiktokapis.com/v2/user/info/?fields=open_id,display_name',
    scopes: ['user.info.basic', 'video.publish', 'video.upload'],
    pkce: true,
    clientIdParam: 'client_key',
    refresh: 'refresh_token',
    profile: (j) => {
      const u = obj(obj(j.data).user);
      return { id: str(u.open_id), name: str(u.display_name) };
    },
  },
  linkedin: {
    authorizeUrl: 'https://www.linkedin.com/oauth/v2/authorization',
    tokenUrl: 'https://www.linkedin.com/oauth/v2/accessToken',
    profileUrl: 'https://api.linkedin.com/v2/userinfo',
    scopes: ['openid', 'profile', 'w_member_social'],
    pkce: false,
    clientIdParam: 'client_id',
    refresh: 'refresh_token',
    profile: (j) => ({ id: str(j.sub), name: str(j.name) }),
  },
  youtube: {
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    profileUrl: 'https://www.googleapis.com/youtube/v3/channels?part=snippet&mine=true',
    scopes: ['https://www.googleapis.com/auth/youtube.upload', 'https://www.googleapis.com/auth/youtube.readonly'],
    pkce: true,
    clientIdParam: 'client_id',
    refresh: 'refresh_token',
    // Offline access is what yields a refresh token; consent makes Google send it again on reconnect.
    extraAuthorizeParams: { access_type: 'offline', prompt: 'consent' },
    profile: (j) => {
      const item = obj(Array.isArray(j.items) ? j.items[0] : undefined);
      return { id: str(item.id), name: str(obj(item.snippet).title) };
    },
  },
  line: {
    authorizeUrl: 'https://access.line.me/oauth2/v2.1/authorize',
    tokenUrl: 'https://api.line.me/oauth2/v2.1/token',
    profileUrl: 'https://api.line.me/v2/profile',
    scopes: ['profile', 'openid'],
    pkce: true,
    clientIdParam: 'client_id',
    refresh: 'refresh_token',
    profile: (j) => ({ id: str(j.userId), name: str(j.displayName) }),
  },
};

export type PlatformOverrides = Partial<Record<PlatformId, Partial<PlatformConfig> & { clientId: string; clientSecret: string }>>;

/** Platforms with credentials: from options, else `KINGJAM_OAUTH_<PLATFORM>_CLIENT_ID` / `_CLIENT_SECRET`. */
export function resolvePlatforms(overrides: PlatformOverrides, env: NodeJS.ProcessEnv): Partial<Record<PlatformId, PlatformConfig>> {
  const out: Partial<Record<PlatformId, PlatformConfig>> = {};
  for (const id of OAUTH_PLATFORMS) {
    const o = overrides[id];
    const clientId = o?.clientId ?? env[`KINGJAM_OAUTH_${id.toUpperCase()}_CLIENT_ID`];
    const clientSecret = o?.clientSecret ?? env[`KINGJAM_OAUTH_${id.toUpperCase()}_CLIENT_SECRET`];
    if (!clientId || !clientSecret) continue;
    out[id] = { ...PLATFORM_DEFAULTS[id], ...o, clientId, clientSecret };
  }
  return out;
}
