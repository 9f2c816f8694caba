import { join } from 'node:path';

/** The media relay's server configuration (AppOptions.relay). */
export interface RelayOptions {
  /** The folder files are kept in (default `<data dir>/relay`). */
  dir?: string;
  /** An S3-compatible bucket instead of the folder: `https://KEY:SECRET@host/bucket?region=…`. */
  s3Url?: string;
  /** The largest file accepted (default 1 GiB). */
  maxBytes?: number;
  /** Bytes one user may have live at once (default 2 GiB). */
  quotaBytes?: number;
  /** How long a relayed file stays reachable (default 24 h). */
  ttlMs?: number;
  /** How often the expiry sweep runs under `serve` (default 10 min). */
  sweepMs?: number;
}

export interface ResolvedRelay {
  dir: string;
  s3Url: string | null;
  maxBytes: number;
  quotaBytes: number;
  ttlMs: number;
  sweepMs: number;
}

const GiB = 1024 * 1024 * 1024;

export function resolveRelay(o: RelayOptions, dataDir: string): ResolvedRelay {
  return {
    dir: o.dir ?? join(dataDir, 'relay'),
    s3Url: o.s3Url ?? null,
    maxBytes: o.maxBytes ?? GiB,
    quotaBytes: o.quotaBytes ?? 2 * GiB,
    ttlMs: o.ttlMs ?? 24 * 3600_000,
    sweepMs: o.sweepMs ?? 10 * 60_000,
  };
}

const positive = (v: string | undefined): number | undefined => {
  const n = v === undefined || v === '' ? NaN : Number(v);
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

/** KINGJAM_RELAY_DIR, KINGJAM_RELAY_S3_URL, KINGJAM_RELAY_MAX_BYTES, KINGJAM_RELAY_QUOTA_BYTES, KINGJAM_RELAY_TTL_HOURS. */
export function relayFromEnv(env: NodeJS.ProcessEnv): RelayOptions {
  const hours = positive(env.KINGJAM_RELAY_TTL_HOURS);
  const o: RelayOptions = {};
  if (env.KINGJAM_RELAY_DIR) o.dir = env.KINGJAM_RELAY_DIR;
  if (env.KINGJAM_RELAY_S3_URL) o.s3Url = env.KINGJAM_RELAY_S3_URL;
  const max = positive(env.KINGJAM_RELAY_MAX_BYTES);
  if (max) o.maxBytes = max;
  const quota = positive(env.KINGJAM_RELAY_QUOTA_BYTES);
  if (quota) o.quotaBytes = quota;
  if (hours) o.ttlMs = hours * 3600_000;
  return o;
}
