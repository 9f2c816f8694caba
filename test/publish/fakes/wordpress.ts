import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback WordPress site speaking the REST API (wp/v2) as core does:
 * Application Passwords over Basic auth (spaces in the password ignored, a
 * wrong one answered 401 `incorrect_password` on every route), users/me,
 * raw-body media uploads named by Content-Disposition, categories and tags
 * (`term_exists` on a duplicate), posts, and the edit-context search that
 * recovery uses. Errors are `{"code","message","data":{"status"}}`. The site's
 * clock is UTC+8, so `date` (local) and `date_gmt` differ as on a real site.
 */

export interface WpTerm {
  id: number;
  name: string;
  slug: string;
  taxonomy: 'category' | 'post_tag';
  count: number;
}

export interface WpPost {
  id: number;
  date: string;
  date_gmt: string;
  modified_gmt: string;
  status: string;
  link: string;
  author: number;
  title: { raw: string; rendered: string };
  content: { raw: string; rendered: string };
  featured_media: number;
  categories: number[];
  tags: number[];
}

export interface WpMedia {
  id: number;
  filename: string;
  mime: string;
  bytes: number;
  alt_text: string;
}

export interface WordPressFake {
  url: string;
  username: string;
  appPassword: string;
  userId: number;
  posts: WpPost[];
  media: WpMedia[];
  terms: WpTerm[];
  /** Every request as "METHOD /path?query". */
  log: string[];
  /** Creates the next post, then drops the connection before answering (a crash right after the platform accepted it). */
  dropNextPostAnswer: boolean;
  /** Uploads larger than this are refused with nginx's 413 page, as a web server in front of WordPress does. */
  maxUploadBytes: number;
  close(): Promise<void>;
}

const SITE_OFFSET_MS = 8 * 3600_000;
const wpDate = (ms: number): string => new Date(ms).toISOString().slice(0, 19);
const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startWordPressFake(opts: { username?: string; appPassword?: string } = {}): Promise<WordPressFake> {
  const username = opts.username ?? 'editor';
  const appPassword = opts.appPassword ?? 'abcd EFGH 1234 ijkl MNOP 5678';
  let nextId = 100;
  const fake: Omit<WordPressFake, 'url' | 'close'> = {
    username,
    appPassword,
    userId: 7,
    posts: [],
    media: [],
    terms: [{ id: 1, name: 'Uncategorized', slug: 'uncategorized', taxonomy: 'category', count: 0 }],
    log: [],
    dropNextPostAnswer: false,
    maxUploadBytes: 8 * 1024 * 1024,
  };
  let base = '';

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      fake.log.push(`${req.method} ${url.pathname}${url.search}`);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => send(status, { code, message, data: { status, ...extra } });

      // The web server answers an oversized body before WordPress sees it.
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > fake.maxUploadBytes) {
        req.resume();
        res.writeHead(413, { 'content-type': 'text/html' });
        res.end('<html><head><title>413 Request Entity Too Large</title></head><body><center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx</center></body></html>');
        return;
      }
      const raw = await readBody(req);
      if (!url.pathname.startsWith('/wp-json/')) {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>');
        return;
      }
      const route = url.pathname.slice('/wp-json'.length);

      let authed = false;
      const auth = req.headers.authorization;
      if (auth) {
        const [user = '', ...rest] = Buffer.from(auth.replace(/^Basic /i, ''), 'base64').toString('utf8').split(':');
        const password = rest.join(':');
        if (user !== username) return error(401, 'invalid_username', 'Unknown username. Check again or try your email address.');
        if (password.replace(/\s/g, '') !== appPassword.replace(/\s/g, '')) return error(401, 'incorrect_password', 'The provided password is an invalid application password.');
        authed = true;
      }
      const json = (): Record<string, unknown> => (raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {});

      if (route === '/wp/v2/users/me' && req.method === 'GET') {
        if (!authed) return error(401, 'rest_not_logged_in', 'You are not currently logged in.');
        return send(200, { id: fake.userId, name: 'Mei Editor', slug: 'mei', link: `${base}/author/mei/` });
      }

      if (route === '/wp/v2/media' && req.method === 'POST') {
        if (!authed) return error(401, 'rest_cannot_create', 'Sorry, you are not allowed to upload media as this user.');
        const disposition = req.headers['content-disposition'] ?? '';
        const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1];
        if (!filename) return error(400, 'rest_upload_no_content_disposition', 'No Content-Disposition supplied.');
        if (raw.length === 0) return error(400, 'rest_upload_no_data', 'No data supplied.');
        const id = nextId++;
        fake.media.push({ id, filename, mime: String(req.headers['content-type'] ?? ''), bytes: raw.length, alt_text: '' });
        return send(201, { id, type: 'attachment', media_type: 'image', mime_type: req.headers['content-type'], source_url: `${base}/wp-content/uploads/${filename}`, link: `${base}/?attachment_id=${id}` });
      }
      const mediaEdit = /^\/wp\/v2\/media\/(\d+)$/.exec(route);
      if (mediaEdit && req.method === 'POST') {
        if (!authed) return error(401, 'rest_cannot_edit', 'Sorry, you are not allowed to edit this post.');
        const item = fake.media.find((m) => m.id === Number(mediaEdit[1]));
        if (!item) return error(404, 'rest_post_invalid_id', 'Invalid post ID.');
        item.alt_text = String(json().alt_text ?? '');
        return send(200, { id: item.id, alt_text: item.alt_text });
      }

      const termRoute = /^\/wp\/v2\/(categories|tags)$/.exec(route);
      if (termRoute) {
        const taxonomy = termRoute[1] === 'categories' ? 'category' : 'post_tag';
        if (req.method === 'GET') {
          const search = (url.searchParams.get('search') ?? '').toLowerCase();
          return send(200, fake.terms.filter((t) => t.taxonomy === taxonomy && t.name.toLowerCase().includes(search)).map((t) => ({ ...t, name: escapeHtml(t.name) })));
        }
        if (req.method === 'POST') {
          if (!authed) return error(401, 'rest_cannot_create', 'Sorry, you are not allowed to create terms in this taxonomy.');
          const name = String(json().name ?? '').trim();
          if (!name) return error(400, 'rest_missing_callback_param', 'Missing parameter(s): name', { params: ['name'] });
          const existing = fake.terms.find((t) => t.taxonomy === taxonomy && t.name.toLowerCase() === name.toLowerCase());
          if (existing) return error(400, 'term_exists', 'A term with the name provided already exists with this parent.', { term_id: existing.id });
          const made: WpTerm = { id: nextId++, name, slug: name.toLowerCase().replace(/\s+/g, '-'), taxonomy, count: 0 };
          fake.terms.push(made);
          return send(201, { ...made, name: escapeHtml(made.name) });
        }
      }

      if (route === '/wp/v2/posts' && req.method === 'POST') {
        if (!authed) return error(401, 'rest_cannot_create', 'Sorry, you are not allowed to create posts as this user.');
        const body = json();
        const status = String(body.status ?? 'draft');
        if (!['publish', 'future', 'draft', 'pending', 'private'].includes(status)) {
          return error(400, 'rest_invalid_param', 'Invalid parameter(s): status', { params: { status: 'status is not one of publish, future, draft, pending, private.' } });
        }
        const featured = Number(body.featured_media ?? 0);
        if (featured && !fake.media.some((m) => m.id === featured)) return error(400, 'rest_invalid_featured_media', 'Invalid featured media ID.');
        const now = Date.now();
        const id = nextId++;
        const title = String(body.title ?? '');
        const content = String(body.content ?? '');
        const post: WpPost = {
          id,
          date: wpDate(now + SITE_OFFSET_MS),
          date_gmt: wpDate(now),
          modified_gmt: wpDate(now),
          status,
          link: `${base}/?p=${id}`,
          author: fake.userId,
          title: { raw: title, rendered: escapeHtml(title) },
          content: { raw: content, rendered: content },
          featured_media: featured,
          categories: (body.categories as number[] | undefined) ?? [],
          tags: (body.tags as number[] | undefined) ?? [],
        };
        fake.posts.push(post);
        if (fake.dropNextPostAnswer) {
          fake.dropNextPostAnswer = false;
          req.socket.destroy();
          return;
        }
        const { title: t, content: c, ...rest } = post;
        return send(201, { ...rest, title: { rendered: t.rendered }, content: { rendered: c.rendered, protected: false } });
      }

      if (route === '/wp/v2/posts' && req.method === 'GET') {
        const status = url.searchParams.get('status') ?? 'publish';
        const context = url.searchParams.get('context') ?? 'view';
        if (!authed && (status !== 'publish' || context === 'edit')) return error(401, 'rest_forbidden_context', 'Sorry, you are not allowed to edit posts in this post type.');
        const search = (url.searchParams.get('search') ?? '').toLowerCase();
        const after = url.searchParams.get('after');
        const author = url.searchParams.get('author');
        const found = fake.posts.filter(
          (p) =>
            (status === 'any' || p.status === status) &&
            (p.title.raw.toLowerCase().includes(search) || p.content.raw.toLowerCase().includes(search)) &&
            // WordPress compares `after` with the local post date.
            (!after || Date.parse(`${p.date}Z`) > Date.parse(after)) &&
            (!author || p.author === Number(author)),
        );
        return send(200, found.map((p) => (context === 'edit' ? p : { ...p, title: { rendered: p.title.rendered }, content: { rendered: p.content.rendered } })));
      }

      return error(404, 'rest_no_route', 'No route was found matching the URL and request method.');
    })().catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(fake, {
    url: base,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** The vault's token for this site, as the WordPress publisher receives it. */
export function wordpressToken(site: string, username: string, appPassword: string): string {
  return JSON.stringify({ site, username, app_password: appPassword });
}
