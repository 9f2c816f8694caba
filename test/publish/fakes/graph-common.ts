import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the Meta Graph fake and the Threads fake share: reading a Graph call's
 * parameters (query, urlencoded or multipart body, as the real API accepts
 * all three), Meta's error body, scripted faults, containers that the
 * platform builds by fetching media from the relayed URL, and timestamps in
 * Graph's format.
 */

export interface UploadedFile {
  name: string;
  type: string;
  bytes: number;
}

export interface GraphCall {
  method: string;
  /** Path without the API version (`/123/media`). */
  path: string;
  params: Record<string, string>;
  files: Record<string, UploadedFile>;
}

export async function readCall(req: http.IncomingMessage): Promise<GraphCall> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  const files: Record<string, UploadedFile> = {};
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (body.length > 0 && (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded'))) {
    const form = await new Response(body, { headers: { 'content-type': type } }).formData();
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') params[key] = value;
      else files[key] = { name: value.name, type: value.type, bytes: value.size };
    }
  }
  return { method: req.method ?? 'GET', path: url.pathname.replace(/^\/v\d+\.\d+/, ''), params, files };
}

export interface FakeAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function graphErrorAnswer(status: number, code: number, message: string, subcode?: number, headers?: Record<string, string>): FakeAnswer {
  return {
    status,
    headers,
    body: { error: { message, type: 'OAuthException', code, ...(subcode !== undefined ? { error_subcode: subcode } : {}), fbtrace_id: 'AbCdEfGhIjK' } },
  };
}

export const expiredTokenAnswer = (): FakeAnswer =>
  graphErrorAnswer(400, 190, 'Error validating access token: Session has expired on Thursday, 03-Dec-26 10:00:00 PST.', 463);

/** A scripted answer for the next call that matches (then removed); `drop` closes the connection after the real handler ran. */
export interface Fault {
  method?: string;
  path: RegExp;
  answer?: FakeAnswer;
  /** Run the call for real, then drop the connection without an answer (a crash between "sent" and "recorded"). */
  dropAfter?: boolean;
}

export function takeFault(faults: Fault[], call: GraphCall): Fault | null {
  const i = faults.findIndex((f) => (!f.method || f.method === call.method) && f.path.test(call.path));
  if (i < 0) return null;
  return faults.splice(i, 1)[0]!;
}

/** Graph's timestamp format: `2026-12-04T10:00:00+0000`. */
export function graphTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export type FakeContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR' | 'EXPIRED';

/** How the next container behaves: IN_PROGRESS for `inProgressPolls` reads, then `final` (with `reason` on ERROR). */
export interface ContainerScript {
  inProgressPolls?: number;
  final?: 'FINISHED' | 'ERROR' | 'EXPIRED';
  reason?: string;
}

export interface FakeContainer {
  id: string;
  owner: string;
  params: Record<string, string>;
  pollsLeft: number;
  final: 'FINISHED' | 'ERROR' | 'EXPIRED';
  reason: string | null;
  published: boolean;
  /** Bytes of the media fetched from the relay (0 for text or a carousel parent). */
  fetchedBytes: number;
}

export class ContainerStore {
  readonly all = new Map<string, FakeContainer>();
  readonly scripts: ContainerScript[] = [];
  private next = 1;

  constructor(private readonly downloadFailure: string) {}

  /** Graph ids are 17-digit strings (beyond a JS number's exact range, so built as text). */
  newId(): string {
    return `1790${String(this.next++).padStart(13, '0')}`;
  }

  /** Creates a container, fetching its media from the relayed URL as the platform does (a failed fetch ends in ERROR). */
  async create(owner: string, params: Record<string, string>): Promise<FakeContainer> {
    const script = this.scripts.shift() ?? {};
    const c: FakeContainer = {
      id: this.newId(),
      owner,
      params,
      pollsLeft: script.inProgressPolls ?? 0,
      final: script.final ?? 'FINISHED',
      reason: script.reason ?? null,
      published: false,
      fetchedBytes: 0,
    };
    const source = params.image_url ?? params.video_url;
    if (source) {
      try {
        const res = await fetch(source);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        c.fetchedBytes = (await res.arrayBuffer()).byteLength;
      } catch {
        c.final = 'ERROR';
        c.reason = this.downloadFailure;
      }
    }
    this.all.set(c.id, c);
    return c;
  }

  /** The status a read answers now (each read while IN_PROGRESS uses up one poll). */
  read(c: FakeContainer): FakeContainerStatus {
    if (c.published) return 'PUBLISHED';
    if (c.pollsLeft > 0) {
      c.pollsLeft -= 1;
      return 'IN_PROGRESS';
    }
    return c.final;
  }
}

export interface FakeServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `handle` on 127.0.0.1 (port 0), applying scripted faults first; `url` includes an API version path as the real base does. */
export async function serveGraph(version: string, faults: Fault[], calls: GraphCall[], handle: (call: GraphCall) => Promise<FakeAnswer>): Promise<FakeServer> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const call = await readCall(req);
      calls.push(call);
      const fault = takeFault(faults, call);
      const answer = fault?.answer ?? (await handle(call));
      if (fault?.dropAfter) {
        res.socket?.destroy();
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    })().catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(err), type: 'FakeError', code: 1 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${version}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const ok = (body: unknown): FakeAnswer => ({ status: 200, body });
export const notFound = (path: string): FakeAnswer =>
  graphErrorAnswer(400, 100, `Unsupported get request. Object with ID '${path.split('/')[1] ?? ''}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, 33);

/** Picks the requested fields (`fields=a,b`) of an object, as the Graph API answers. */
export function pick(obj: Record<string, unknown>, fields: string | undefined): Record<string, unknown> {
  if (!fields) return { id: obj.id };
  const out: Record<string, unknown> = { id: obj.id };
  for (const f of fields.split(',')) if (obj[f] !== undefined) out[f] = obj[f];
  return out;
}
