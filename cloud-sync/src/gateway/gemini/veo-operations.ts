import type { Clock } from '../../clock.js';
import { ApiError } from '../../errors.js';
import type { Gateway } from '../gateway.js';
import type { GenCallRow, GenUnits } from '../metering.js';
import { UpstreamCall } from '../upstream.js';
import { geminiHeaders } from './wire.js';

/**
 * Polling Veo operations upstream, for their owner (the operations route) and
 * for the reconciler (a desktop that crashed mid-render stops polling): a
 * finished operation settles its call once — charged for a video, released
 * for an error or a filtered clip — whoever polled it.
 */
export interface Operation {
  name?: string;
  done?: boolean;
  error?: { code?: number; message?: string };
  response?: { generateVideoResponse?: { generatedSamples?: { video?: { uri?: string } }[]; raiMediaFilteredCount?: number } };
}

export interface PolledOperation {
  status: number;
  contentType: string;
  raw: Buffer;
  /** Whether the operation has ended (and its call is settled). */
  done: boolean;
}

export function parseOperation(raw: Buffer): Operation | null {
  try {
    return JSON.parse(raw.toString('utf8')) as Operation;
  } catch {
    return null;
  }
}

/** `https://…/v1beta/files/abc:download?alt=media` or `files/abc` → `abc`. */
export function fileIdOf(uri: string): string | null {
  const m = /(?:^|\/)files\/([A-Za-z0-9_-]+)/.exec(uri);
  return m ? m[1]! : null;
}

export class VeoOperations {
  /** When each running call was last polled by anyone: the reconciler leaves fresh ones to their owner. */
  private readonly polled = new Map<string, number>();

  constructor(
    private readonly gateway: Gateway,
    private readonly clock: Clock,
  ) {}

  lastPolled(callId: string): number | undefined {
    return this.polled.get(callId);
  }

  /** Asks Gemini for the call's operation and settles the call when it has ended; answers what Gemini said. */
  async poll(row: GenCallRow): Promise<PolledOperation> {
    const name = row.upstream_ref;
    if (!name) throw new ApiError(404, 'NOT_FOUND', 'the call has no operation');
    this.polled.set(row.id, this.clock.now());
    const up = new UpstreamCall(this.gateway.config.deadlineMs);
    try {
      const res = await up.fetch({ url: `${this.gateway.baseUrl('gemini')}/v1beta/${name}`, method: 'GET', headers: geminiHeaders(this.gateway) });
      const raw = Buffer.from(await res.arrayBuffer());
      const op = res.ok ? parseOperation(raw) : null;
      const done = op?.done === true;
      if (op && done) {
        await this.settle(row, op);
        this.polled.delete(row.id);
      }
      return { status: res.status, contentType: res.headers.get('content-type') ?? 'application/json', raw, done };
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError(up.cause === 'timeout' ? 504 : 502, up.cause === 'timeout' ? 'GEN_UPSTREAM_TIMEOUT' : 'GEN_UPSTREAM_ERROR', this.gateway.redact(`polling the operation failed: ${(err as Error).message}`));
    } finally {
      up.done();
    }
  }

  /** A finished operation settles its call once: charged for a video, released for an error or a filtered clip. */
  private async settle(row: GenCallRow, op: Operation): Promise<void> {
    if (row.status !== 'running') return;
    const call = this.gateway.metering.resume(row);
    const asked = JSON.parse(row.units) as GenUnits;
    const files = (op.response?.generateVideoResponse?.generatedSamples ?? []).map((s) => fileIdOf(s.video?.uri ?? '')).filter((f): f is string => f !== null);
    // A clip that never came is no seconds of video (the row asked for them at the start).
    if (op.error) return call.abandon('GEN_UPSTREAM_ERROR', { video_seconds: 0 });
    if (files.length === 0) return call.abandon((op.response?.generateVideoResponse?.raiMediaFilteredCount ?? 0) > 0 ? 'GEN_FILTERED' : 'GEN_NO_OUTPUT', { video_seconds: 0 });
    await call.settle(row.held, asked, files);
  }
}
