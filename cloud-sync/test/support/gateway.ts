import { Writable } from 'node:stream';
import { GoogleGenAI } from '@google/genai';
import { GATEWAY_MOUNTS, type GenPurpose, type GenToken } from '../../../src/shared/gateway.js';
import type { GatewayOptions } from '../../src/gateway/config.js';
import { ledgerIds } from '../../src/gateway/metering.js';
import { startFake, type FakeServer, type Route } from '../../../test/providers/fake-server.js';
import type { AppOptions } from '../../src/app.js';
import type { DbKind } from './db.js';
import type { Session, TestServer } from './http.js';
import { startServer } from './http.js';

/** What the tests saw leave the gateway: every response header and body, and every log line. */
export class Exposure {
  readonly texts: string[] = [];
  readonly log = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      this.texts.push(chunk.toString('utf8'));
      done();
    },
  });

  /** A fetch for the SDK that records every response it gets (headers and the whole body, streams too). */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const res = await fetch(input, init);
    this.texts.push(JSON.stringify([...res.headers.entries()]));
    void res
      .clone()
      .text()
      .then(
        (t) => this.texts.push(t),
        () => undefined,
      );
    return res;
  };

  record(...values: unknown[]): void {
    for (const v of values) this.texts.push(typeof v === 'string' ? v : JSON.stringify(v));
  }

  contains(secret: string): boolean {
    return this.texts.some((t) => t.includes(secret));
  }
}

/** The platform key the fake Gemini expects; it must never leave the server. */
export const PLATFORM_KEY = 'AIzaSy-platform-key-0123456789-must-stay-secret';

export interface GatewayHarness {
  s: TestServer;
  fake: FakeServer;
  exposure: Exposure;
  /** The fake's answer to each request (replace per test). */
  route: Route;
  close(): Promise<void>;
  genToken(session: Session, purpose?: GenPurpose, jobRef?: string | null): Promise<string>;
  /** The real @google/genai client pointed at the gateway with a generation token. */
  sdk(token: string, headers?: Record<string, string>, extra?: { timeout?: number }): GoogleGenAI;
  available(session: Session): Promise<number>;
  /** The ledger's view of one call: its hold's status and the journal rows derived from the call id. */
  ledgerOf(callId: string): Promise<{ hold: string | null; journal: { id: string; kind: string; amount: number; reason: string | null }[] }>;
  calls(session: Session): Promise<{ id: string; status: string; credits: number; held: number; error_code: string | null; units: Record<string, number>; model: string }[]>;
}

/** A cloud-sync with the gateway on a loopback Gemini; `background` starts its timers (the reconciler) when a test needs them. */
export async function startGateway(kind: DbKind, opts: GatewayOptions = {}, background?: AppOptions['background']): Promise<GatewayHarness> {
  const exposure = new Exposure();
  const h = {} as GatewayHarness;
  h.route = (_req, res) => {
    res.writeHead(500);
    res.end();
  };
  const fake = await startFake((req, res) => h.route(req, res));
  const s = await startServer(kind, {
    logger: { level: 'debug', stream: exposure.log },
    gateway: { geminiApiKey: PLATFORM_KEY, geminiBaseUrl: fake.url, deadlineMs: 3_000, ...opts },
    ...(background ? { background } : {}),
  });
  const call = s.call;
  // Every answer a test reads through the server's helper is exposure too.
  s.call = async (...args: Parameters<TestServer['call']>) => {
    const r = await call(...args);
    exposure.record(r.body);
    return r as never;
  };
  Object.assign(h, {
    s,
    fake,
    exposure,
    async close() {
      await s.close();
      await fake.close();
    },
    async genToken(session: Session, purpose: GenPurpose = 'blog', jobRef: string | null = null) {
      const r = await s.call<GenToken>('POST', '/v1/gen/tokens', { purpose, job_ref: jobRef }, session.token);
      if (r.status !== 200) throw new Error(`gen token: ${JSON.stringify(r.body)}`);
      return r.body.token;
    },
    sdk(token: string, headers: Record<string, string> = {}, extra: { timeout?: number } = {}) {
      return new GoogleGenAI({ apiKey: token, httpOptions: { baseUrl: `${s.base}${GATEWAY_MOUNTS.gemini}`, apiVersion: 'v1beta', headers, fetch: exposure.fetch, ...extra } });
    },
    async available(session: Session) {
      return (await s.call<{ available: number }>('GET', '/v1/ledger/balance', undefined, session.token)).body.available;
    },
    async ledgerOf(callId: string) {
      const ids = ledgerIds(callId);
      const hold = await s.db.db.selectFrom('holds').select('status').where('id', '=', ids.hold).executeTakeFirst();
      const journal = await s.db.db.selectFrom('journal').select(['id', 'kind', 'amount', 'reason']).where('id', 'in', [ids.hold, ids.capture, ids.release]).orderBy('seq').execute();
      return { hold: hold?.status ?? null, journal };
    },
    async calls(session: Session) {
      const r = await s.call<{ calls: { id: string; status: string; credits: number; held: number; error_code: string | null; units: Record<string, number>; model: string }[] }>('GET', '/v1/gen/calls', undefined, session.token);
      return r.body.calls;
    },
  });
  return h;
}
