import { listen, sendJson, type LoopbackServer } from '../../publish/fakes/server-kit.js';

/**
 * A loopback news site and quote service, speaking the formats as they are
 * published: RSS 2.0 (`application/rss+xml`, `<rss version="2.0"><channel>
 * <item>` with guid, title, link, description, pubDate), Atom (RFC 4287,
 * `application/atom+xml`, `<feed xmlns="http://www.w3.org/2005/Atom"><entry>`
 * with id, title, link href, summary, updated), and TWSE's MIS quote JSON
 * (`/stock/api/getStockInfo.jsp?ex_ch=tse_2330.tw`: `{"msgArray":[{"c","n",
 * "z" last price,"v" accumulated volume (lots),…}],"rtcode":"0000",…}`,
 * numbers as strings). It counts the requests each path received.
 */
export interface FeedItemFixture {
  guid: string;
  title: string;
  link: string;
  description: string;
  pubDate: Date;
}

export interface FakeFeeds extends LoopbackServer {
  rss: FeedItemFixture[];
  atom: FeedItemFixture[];
  /** The quote's accumulated volume (`v`) and last price (`z`, "-" before the first trade). */
  quote: { volume: number; price: string };
  /** Requests per path (no query). */
  hits: Map<string, number>;
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rssDocument(items: FeedItemFixture[]): string {
  const body = items
    .map(
      (i) => `    <item>
      <title>${escape(i.title)}</title>
      <link>${escape(i.link)}</link>
      <description><![CDATA[<p>${i.description}</p>]]></description>
      <guid isPermaLink="false">${escape(i.guid)}</guid>
      <pubDate>${i.pubDate.toUTCString()}</pubDate>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Loopback Finance News</title>
    <link>http://127.0.0.1/</link>
    <description>Test feed</description>
${body}
  </channel>
</rss>`;
}

export function atomDocument(items: FeedItemFixture[]): string {
  const body = items
    .map(
      (i) => `  <entry>
    <title type="text">${escape(i.title)}</title>
    <link rel="alternate" href="${escape(i.link)}"/>
    <id>${escape(i.guid)}</id>
    <updated>${i.pubDate.toISOString()}</updated>
    <summary>${escape(i.description)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Loopback Atom</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2027-03-01T00:00:00Z</updated>
${body}
</feed>`;
}

export async function startFakeFeeds(): Promise<FakeFeeds> {
  const state = { rss: [] as FeedItemFixture[], atom: [] as FeedItemFixture[], quote: { volume: 0, price: '-' }, hits: new Map<string, number>() };
  const server = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    state.hits.set(url.pathname, (state.hits.get(url.pathname) ?? 0) + 1);
    if (url.pathname === '/rss.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=UTF-8' });
      return void res.end(rssDocument(state.rss));
    }
    if (url.pathname === '/atom.xml') {
      res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
      return void res.end(atomDocument(state.atom));
    }
    if (url.pathname === '/broken.xml') {
      // A feed cut off mid-item, as a failed deploy or a truncated proxy answer leaves it.
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.end('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title>\n<item><title>half</title>\n</channel></rss>');
    }
    if (url.pathname === '/huge.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.end(`<rss version="2.0"><channel>${'<item><title>x</title></item>'.repeat(200_000)}</channel></rss>`);
    }
    if (url.pathname === '/stock/api/getStockInfo.jsp' && url.searchParams.get('ex_ch') === 'tse_2330.tw') {
      return sendJson(res, 200, {
        msgArray: [
          { tv: '12', ps: '12', nu: 'http://www.tsmc.com', pz: state.quote.price, a: '1090.0000_', b: '1085.0000_', c: '2330', d: '20270301', ch: '2330.tw', ot: '14:30:00', tlong: '1803000000000', f: '100_', g: '200_', ip: '0', mt: '000000', h: '1095.0000', it: '12', l: '1080.0000', n: '台積電', o: '1082.0000', p: '0', ex: 'tse', s: '12', t: '13:30:00', u: '1177.0000', v: String(state.quote.volume), w: '963.5000', nf: '台灣積體電路製造股份有限公司', y: '1070.0000', z: state.quote.price, ts: '0' },
        ],
        referer: '',
        userDelay: 5000,
        rtcode: '0000',
        queryTime: { sysDate: '20270301', stockInfoItem: 1, stockInfo: 1, sessionStr: 'UserSession', sysTime: '13:30:05', showChart: false, sessionFromTime: -1, sessionLatestTime: -1 },
        rtmessage: 'OK',
      });
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  return Object.assign(state, server);
}
