import {
  ContainerStore,
  expiredTokenAnswer,
  graphErrorAnswer,
  graphTimestamp,
  notFound,
  ok,
  pick,
  serveGraph,
  type FakeAnswer,
  type Fault,
  type GraphCall,
} from './graph-common.js';

/**
 * A loopback Graph API (graph.facebook.com/v21.0) for Instagram and Facebook
 * Pages publishing, speaking Meta's wire format: /me/accounts paged with
 * cursors, Page tokens that the Page edges require (a user token gets the
 * real (#200) permission error), Instagram containers built by fetching the
 * relayed media and polled through status_code, media_publish, content
 * publishing quota, multipart photo and video uploads, and Meta's error
 * bodies. It counts every irreversible publish. For engagement (issue 14) it
 * answers Instagram media insights and a Page post's reaction, comment and
 * share summaries and its `post_media_view` insight from `engagement`.
 */

export interface FakePage {
  id: string;
  name: string;
  token: string;
  ig?: { id: string; username: string };
}

interface IgMedia {
  id: string;
  owner: string;
  caption?: string;
  media_type: string;
  timestamp: string;
  permalink: string;
  story: boolean;
}

interface PagePost {
  id: string;
  pageId: string;
  message?: string;
  link?: string;
  created_time: string;
  permalink_url: string;
  /** Photo ids attached (one for a photo post). */
  photos: string[];
  video?: { id: string; bytes: number; name: string };
}

interface PagePhoto {
  id: string;
  pageId: string;
  published: boolean;
  bytes: number;
  name: string;
  type: string;
}

/** A post's numbers as the fake reports them (set by a test through `engagement`). */
export interface FakeEngagement {
  views: number;
  reach?: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  /** Instagram answers "(#10) Not enough viewers for the media to show insights" (the counters on the media still answer). */
  tooFewViewers?: boolean;
}

/** The metrics Instagram media insights accept (views replaced impressions and plays in v22.0; `impressions` is refused here). */
const IG_MEDIA_METRICS = new Set(['views', 'likes', 'comments', 'shares', 'saved', 'reach', 'total_interactions', 'follows', 'profile_visits', 'profile_activity']);
const FB_POST_METRICS = new Set(['post_media_view', 'post_total_media_view_unique', 'post_clicks', 'post_reactions_by_type_total']);

export function insightsAnswer(objectId: string, values: Record<string, number>): FakeAnswer {
  return ok({
    data: Object.entries(values).map(([name, value]) => ({
      name,
      period: 'lifetime',
      values: [{ value }],
      title: name,
      description: `${name} of the object`,
      id: `${objectId}/insights/${name}/lifetime`,
    })),
  });
}

/** Meta's refusal of a metric name it does not know for this object. */
export function badMetricAnswer(metric: string): FakeAnswer {
  return graphErrorAnswer(400, 100, `(#100) The value must be a valid insights metric; "${metric}" is not`);
}

export interface FakeMetaGraphOptions {
  userToken?: string;
  pages?: FakePage[];
  /** Items per /me/accounts page (to exercise paging). */
  accountsPageSize?: number;
}

export async function startFakeMetaGraph(o: FakeMetaGraphOptions = {}) {
  const userToken = o.userToken ?? 'meta-user-token';
  const pages: FakePage[] = o.pages ?? [
    { id: '1000001', name: 'Tea House', token: 'page-token-1', ig: { id: '17841400000001', username: 'teahouse' } },
    { id: '1000002', name: 'No Instagram Page', token: 'page-token-2' },
    { id: '1000003', name: 'Noodle Bar', token: 'page-token-3', ig: { id: '17841400000003', username: 'noodlebar' } },
  ];
  const pageSize = o.accountsPageSize ?? 2;
  const faults: Fault[] = [];
  const calls: GraphCall[] = [];
  const containers = new ContainerStore('Error: Media download has failed. The media URI doesn\'t meet our requirements.');
  const igMedia: IgMedia[] = [];
  const posts: PagePost[] = [];
  const photos = new Map<string, PagePhoto>();
  const state = { expired: false, publishes: 0, quota: { usage: 0, total: 100, duration: 86400 }, seq: 1 };
  const nextId = (): string => String(9_000_000_000 + state.seq++);
  const engagement = new Map<string, FakeEngagement>();
  const numbersOf = (id: string): FakeEngagement => engagement.get(id) ?? { views: 0, likes: 0, comments: 0, shares: 0, saves: 0 };

  const pageByToken = (token: string | undefined) => pages.find((p) => p.token === token);
  const igOwner = (id: string) => pages.find((p) => p.ig?.id === id);
  const needsPageToken = (pageId: string, token: string | undefined): FakeAnswer | null =>
    pageByToken(token)?.id === pageId
      ? null
      : graphErrorAnswer(403, 200, '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission');

  function listAnswer<T extends Record<string, unknown>>(items: T[], fields: string | undefined, since: string | undefined, timeKey: string): FakeAnswer {
    const from = since ? Number(since) * 1000 : -Infinity;
    const shown = items.filter((i) => Date.parse(String(i[timeKey]).replace(/\+0000$/, 'Z')) >= from).reverse();
    return ok({ data: shown.map((i) => pick(i, fields)), paging: { cursors: { before: 'QVFIUmJl', after: 'QVFIUmFm' } } });
  }

  function createPost(pageId: string, fields: Omit<PagePost, 'id' | 'pageId' | 'created_time' | 'permalink_url'>): PagePost {
    const n = nextId();
    const post: PagePost = { id: `${pageId}_${n}`, pageId, created_time: graphTimestamp(Date.now()), permalink_url: `https://www.facebook.com/${pageId}/posts/${n}`, ...fields };
    posts.push(post);
    state.publishes += 1;
    return post;
  }

  async function handle(call: GraphCall): Promise<FakeAnswer> {
    if (state.expired) return expiredTokenAnswer();
    const token = call.params.access_token;
    const isUser = token === userToken;
    if (!isUser && !pageByToken(token)) return graphErrorAnswer(400, 190, 'Invalid OAuth access token - Cannot parse access token');
    const [, id = '', edge] = call.path.split('/');
    const get = call.method === 'GET';
    const { fields } = call.params;

    if (id === 'me' && edge === 'accounts' && get) {
      if (!isUser) return graphErrorAnswer(400, 100, '(#100) Tried accessing nonexisting field (accounts) on node type (Page)');
      const start = call.params.after ? Number(Buffer.from(call.params.after, 'base64url').toString()) : 0;
      const slice = pages.slice(start, start + pageSize).map((p) => ({
        id: p.id,
        name: p.name,
        ...(fields?.includes('access_token') ? { access_token: p.token } : {}),
        ...(fields?.includes('instagram_business_account') && p.ig ? { instagram_business_account: p.ig } : {}),
      }));
      const after = Buffer.from(String(start + pageSize)).toString('base64url');
      const more = start + pageSize < pages.length;
      return ok({ data: slice, paging: { cursors: { before: 'MA', after }, ...(more ? { next: `${server.url}/me/accounts?fields=${encodeURIComponent(fields ?? '')}&limit=${pageSize}&after=${after}&access_token=${token}` } : {}) } });
    }

    // Instagram (the IG user id is an edge owner; the user token publishes).
    const igPage = igOwner(id);
    if (igPage && edge === 'content_publishing_limit' && get) {
      return ok({ data: [{ quota_usage: state.quota.usage, config: { quota_total: state.quota.total, quota_duration: state.quota.duration } }] });
    }
    if (igPage && edge === 'media' && call.method === 'POST') {
      const p = call.params;
      if (p.media_type === 'CAROUSEL') {
        const children = (p.children ?? '').split(',').filter(Boolean);
        if (children.length < 2 || children.length > 10 || children.some((c) => containers.all.get(c)?.params.is_carousel_item !== 'true')) {
          return graphErrorAnswer(400, 100, 'Invalid parameter', 2207016);
        }
      } else if (!p.image_url && !p.video_url) return graphErrorAnswer(400, 100, 'The parameter image_url is required.');
      const c = await containers.create(id, p);
      return ok({ id: c.id });
    }
    if (igPage && edge === 'media_publish' && call.method === 'POST') {
      const c = containers.all.get(call.params.creation_id ?? '');
      if (!c || c.owner !== id || c.published || containers.read(c) !== 'FINISHED') return graphErrorAnswer(400, 9007, 'Media ID is not available', 2207027);
      if (state.quota.usage >= state.quota.total) return graphErrorAnswer(400, 9, 'You reached maximum number of posts that is allowed to be published by Content Publishing API.', 2207042);
      c.published = true;
      state.publishes += 1;
      state.quota.usage += 1;
      const mediaId = `1800${String(state.seq++).padStart(13, '0')}`;
      const story = c.params.media_type === 'STORIES';
      igMedia.push({
        id: mediaId,
        owner: id,
        ...(c.params.caption !== undefined ? { caption: c.params.caption } : {}),
        media_type: c.params.media_type === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : c.params.video_url ? 'VIDEO' : 'IMAGE',
        timestamp: graphTimestamp(Date.now()),
        permalink: story ? `https://instagram.com/stories/${igPage.ig!.username}/${mediaId}` : `https://www.instagram.com/p/C${mediaId.slice(-9)}/`,
        story,
      });
      return ok({ id: mediaId });
    }
    if (igPage && (edge === 'media' || edge === 'stories') && get) {
      return listAnswer(igMedia.filter((m) => m.owner === id && m.story === (edge === 'stories')) as unknown as Record<string, unknown>[], fields, undefined, 'timestamp');
    }
    const container = containers.all.get(id);
    if (container && !edge && get) {
      const status = containers.read(container);
      return ok(pick({ id, status_code: status, ...(status === 'ERROR' ? { status: container.reason ?? 'Error' } : {}) }, fields));
    }
    const media = igMedia.find((m) => m.id === id);
    if (media && !edge && get) {
      const n = numbersOf(id);
      return ok(pick({ ...media, like_count: n.likes, comments_count: n.comments } as unknown as Record<string, unknown>, fields));
    }
    if (media && edge === 'insights' && get) {
      const asked = (call.params.metric ?? '').split(',').filter(Boolean);
      const bad = asked.find((m) => !IG_MEDIA_METRICS.has(m));
      if (asked.length === 0) return graphErrorAnswer(400, 100, '(#100) The parameter metric is required');
      if (bad) return badMetricAnswer(bad);
      const n = numbersOf(id);
      if (n.tooFewViewers) return graphErrorAnswer(400, 10, '(#10) Not enough viewers for the media to show insights');
      const all: Record<string, number> = { views: n.views, likes: n.likes, comments: n.comments, shares: n.shares, saved: n.saves, reach: n.reach ?? n.views, total_interactions: n.likes + n.comments + n.shares + n.saves };
      return insightsAnswer(id, Object.fromEntries(asked.filter((m) => m in all).map((m) => [m, all[m]!])));
    }

    // Facebook Pages.
    const page = pages.find((p) => p.id === id);
    if (page && !edge && get) {
      if (!isUser) return ok(pick({ id: page.id, name: page.name }, fields));
      return ok(pick({ id: page.id, name: page.name, access_token: page.token }, fields));
    }
    if (page && edge) {
      const denied = needsPageToken(page.id, token);
      if (denied) return denied;
      if (edge === 'feed' && call.method === 'POST') {
        const attached = Object.keys(call.params)
          .filter((k) => k.startsWith('attached_media['))
          .map((k) => (JSON.parse(call.params[k]!) as { media_fbid: string }).media_fbid);
        if (attached.some((a) => photos.get(a)?.pageId !== page.id)) return graphErrorAnswer(400, 100, '(#100) param attached_media must be a valid photo');
        if (!call.params.message && !call.params.link && attached.length === 0) return graphErrorAnswer(400, 100, '(#100) Missing message or attachment');
        const post = createPost(page.id, { message: call.params.message, link: call.params.link, photos: attached });
        for (const a of attached) photos.get(a)!.published = true;
        return ok({ id: post.id });
      }
      if (edge === 'photos' && call.method === 'POST') {
        const source = call.files.source;
        if (!source || source.bytes === 0) return graphErrorAnswer(400, 324, '(#324) Requires upload file');
        const photo: PagePhoto = { id: nextId(), pageId: page.id, published: call.params.published !== 'false', bytes: source.bytes, name: source.name, type: source.type };
        photos.set(photo.id, photo);
        if (!photo.published) return ok({ id: photo.id });
        const post = createPost(page.id, { message: call.params.message, photos: [photo.id] });
        return ok({ id: photo.id, post_id: post.id });
      }
      if (edge === 'videos' && call.method === 'POST') {
        const source = call.files.source;
        if (!source || source.bytes === 0) return graphErrorAnswer(400, 100, 'There was a problem uploading your video file. Please try again with another file.', 6000);
        const videoId = nextId();
        const post = createPost(page.id, { message: call.params.description, photos: [], video: { id: videoId, bytes: source.bytes, name: source.name } });
        post.permalink_url = `/${page.id}/videos/${videoId}/`;
        return ok({ id: videoId });
      }
      if (edge === 'published_posts' && get) return listAnswer(posts.filter((p) => p.pageId === page.id) as unknown as Record<string, unknown>[], fields, call.params.since, 'created_time');
      if (edge === 'videos' && get) {
        const videos = posts.filter((p) => p.pageId === page.id && p.video).map((p) => ({ id: p.video!.id, description: p.message, created_time: p.created_time, permalink_url: p.permalink_url }));
        return listAnswer(videos, fields, call.params.since, 'created_time');
      }
    }
    const post = posts.find((p) => p.id === id || p.video?.id === id);
    if (post?.video && id === post.video.id && !edge && get && (fields ?? '').split(',').includes('shares')) {
      return graphErrorAnswer(400, 100, '(#100) Tried accessing nonexisting field (shares) on node type (Video)');
    }
    if (post && !edge && get) {
      const denied = needsPageToken(post.pageId, token);
      if (denied) return denied;
      // Engagement summaries: `reactions.summary(total_count).limit(0)` and the like, as the Pages API answers them (shares absent when none).
      const asked = (fields ?? '').split(',');
      const n = numbersOf(id);
      const summaries: Record<string, unknown> = {};
      if (asked.some((f) => f.startsWith('reactions.summary('))) summaries.reactions = { data: [], summary: { total_count: n.likes, viewer_reaction: 'NONE' } };
      if (asked.some((f) => f.startsWith('comments.summary('))) summaries.comments = { data: [], summary: { order: 'ranked', total_count: n.comments, can_comment: true } };
      if (asked.includes('shares') && n.shares > 0) summaries.shares = { count: n.shares };
      return ok({ ...pick({ ...post, id } as unknown as Record<string, unknown>, fields), ...summaries });
    }
    if (post?.video && id === post.video.id && edge === 'video_insights' && get) {
      const denied = needsPageToken(post.pageId, token);
      if (denied) return denied;
      const asked = (call.params.metric ?? '').split(',').filter(Boolean);
      const bad = asked.find((m) => m !== 'total_video_views' && m !== 'total_video_impressions');
      if (bad) return badMetricAnswer(bad);
      return insightsAnswer(id, Object.fromEntries(asked.map((m) => [m, numbersOf(id).views])));
    }
    if (post && edge === 'insights' && get) {
      const denied = needsPageToken(post.pageId, token);
      if (denied) return denied;
      const asked = (call.params.metric ?? '').split(',').filter(Boolean);
      const bad = asked.find((m) => !FB_POST_METRICS.has(m));
      if (bad) return badMetricAnswer(bad);
      const n = numbersOf(id);
      return insightsAnswer(id, Object.fromEntries(asked.map((m) => [m, m === 'post_media_view' ? n.views : 0])));
    }
    return notFound(call.path);
  }

  const server = await serveGraph('v21.0', faults, calls, handle);
  return {
    url: server.url,
    userToken,
    pages,
    calls,
    faults,
    /** Scripts for the next containers created, in order. */
    containerScripts: containers.scripts,
    containers: containers.all,
    igMedia,
    posts,
    photos,
    state,
    /** Each post's or media's numbers, by its id (what the insights calls answer). */
    engagement,
    /** A published Page post that a test reads the engagement of (as if published earlier). */
    addPagePost(pageId: string, message: string): string {
      return createPost(pageId, { message, photos: [] }).id;
    },
    /** A published Page video (its id is the video's, as a video publish answers). */
    addPageVideo(pageId: string, description: string): string {
      const videoId = nextId();
      const post = createPost(pageId, { message: description, photos: [], video: { id: videoId, bytes: 1, name: 'clip.mp4' } });
      post.permalink_url = `/${pageId}/videos/${videoId}/`;
      return videoId;
    },
    /** A published Instagram media of an account (as if published earlier). */
    addIgMedia(igUserId: string, caption: string, mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM' = 'IMAGE'): string {
      const mediaId = `1800${String(state.seq++).padStart(13, '0')}`;
      igMedia.push({ id: mediaId, owner: igUserId, caption, media_type: mediaType, timestamp: graphTimestamp(Date.now()), permalink: `https://www.instagram.com/p/C${mediaId.slice(-9)}/`, story: false });
      return mediaId;
    },
    /** How many posts went live (media_publish, a feed post, a published photo or a video). */
    get publishes() {
      return state.publishes;
    },
    /** The calls to a path, in order (`POST /1000001/feed`). */
    callsTo(method: string, path: RegExp) {
      return calls.filter((c) => c.method === method && path.test(c.path));
    },
    close: server.close,
  };
}

export type FakeMetaGraph = Awaited<ReturnType<typeof startFakeMetaGraph>>;
