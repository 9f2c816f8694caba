import path from 'node:path';
import { z } from 'zod';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { SharedFileStore } from './file-store.js';
import { FolderFileStore } from './folder-store.js';
import { S3FileStore } from './s3-store.js';

export interface OpenStoreOptions {
  /** The user's home folder, for `~/…` specs. */
  home: string;
  /** What a relative folder is relative to; the process's folder unless given. */
  cwd?: string;
  /** Where S3 keys and the default region come from; `process.env` unless given. */
  env?: NodeJS.ProcessEnv;
}

/** S3 bucket names: 3–63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. */
const bucketName = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/);
const prefixPart = z.string().min(1).refine((p) => p !== '.' && p !== '..' && !p.includes('\\'));
const endpointUrl = z
  .string()
  .url()
  .refine((u) => {
    const url = new URL(u);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
  });
const s3Query = z
  .object({
    endpoint: endpointUrl.optional(),
    region: z
      .string()
      .regex(/^[a-z0-9-]{1,32}$/)
      .optional(),
    forcePathStyle: z.enum(['true', 'false']).optional(),
  })
  .strict();

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

/**
 * Opens the farm's shared file store from what an operator typed after
 * `--store` (or KINGJAM_FARM_STORE): a folder path → FolderFileStore;
 * `s3://bucket/prefix?endpoint=…&region=…&forcePathStyle=true` → S3FileStore.
 * Anything else is BAD_INPUT naming both forms.
 */
export function openSharedFileStore(spec: string, options: OpenStoreOptions): SharedFileStore {
  const text = spec.trim();
  if (text.startsWith('s3://')) return openS3(text, options);
  if (text === '' || SCHEME.test(text) || text.includes('\0')) throw badSpec(spec);
  if (text === '~' || text.startsWith('~/')) return new FolderFileStore(path.join(options.home, text.slice(1)));
  return new FolderFileStore(path.resolve(options.cwd ?? process.cwd(), text));
}

function openS3(spec: string, options: OpenStoreOptions): SharedFileStore {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw badSpec(spec);
  }
  // Keys belong in the environment: a URL ends up in shell history, unit files and logs.
  if (url.username || url.password) throw secretInUrl();
  const query = s3Query.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success || [...url.searchParams.keys()].length !== new Set(url.searchParams.keys()).size || url.hash) throw badSpec(spec);
  const { endpoint, region, forcePathStyle } = query.data;
  if (endpoint && (new URL(endpoint).username || new URL(endpoint).password)) throw secretInUrl();
  const bucket = bucketName.safeParse(url.hostname);
  // From the text as typed: URL parsing would quietly fold `a/../b` into `b`.
  const rawPath = spec.slice('s3://'.length).split(/[?#]/)[0]!;
  const parts = rawPath.split('/').slice(1).filter(Boolean).map(decodeSegment);
  if (!bucket.success || !parts.every((p) => prefixPart.safeParse(p).success)) throw badSpec(spec);
  const env = options.env ?? process.env;
  return new S3FileStore({
    bucket: bucket.data,
    prefix: parts.join('/'),
    endpoint: endpoint?.replace(/\/+$/, ''),
    region: region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1'),
    // S3-compatible servers (MinIO, Ceph) rarely have per-bucket host names; AWS itself prefers them.
    forcePathStyle: forcePathStyle === undefined ? endpoint !== undefined : forcePathStyle === 'true',
    env,
  });
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '..'; // undecodable: refused like a climbing segment
  }
}

function badSpec(raw: string): StudioError {
  // Never echo a secret someone typed into the URL.
  const spec = raw.replace(/\/\/[^/@?#]*@/, '//…@');
  return new StudioError({
    code: 'BAD_INPUT',
    field: 'store',
    message: `"${spec}" is not a shared file store: give a folder path (/mnt/kingjam-farm) or s3://bucket/prefix?endpoint=http://host:9000&region=us-east-1&forcePathStyle=true.`,
    ...say('farm.store.badSpec', { spec }),
  });
}

function secretInUrl(): StudioError {
  return new StudioError({
    code: 'BAD_INPUT',
    field: 'store',
    message: 'The store URL carries a user name or password; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment instead.',
    ...say('farm.store.secretInUrl'),
  });
}
