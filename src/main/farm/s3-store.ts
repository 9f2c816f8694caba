import { storePlaceIn, type StorePlace } from '../../shared/farm/store-place.js';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { checkStoreKey, type SharedFileStore } from './file-store.js';

export interface S3StoreOptions {
  bucket: string;
  /** Keys live under `<prefix>/` in the bucket; '' for the bucket's root. */
  prefix: string;
  /** An S3-compatible server (MinIO, R2, Ceph): `http://host:9000`. Absent for AWS itself. */
  endpoint?: string;
  region: string;
  /** `/<bucket>/<key>` URLs instead of `<bucket>.<host>`: what most S3-compatible servers need. */
  forcePathStyle: boolean;
  /** Where the keys come from; `process.env` unless a test says otherwise. */
  env?: NodeJS.ProcessEnv;
  /** Files above this size go up in parts (S3 allows 5 GB in one PUT; parts keep memory and retries small). */
  multipartThreshold?: number;
  partSize?: number;
  /** How many parts are in flight at once. */
  partConcurrency?: number;
}

const MB = 1024 * 1024;
const MAX_PARTS = 10_000;
/** DeleteObjects takes at most 1000 keys a request. */
const DELETE_BATCH = 1000;

/**
 * The farm's shared store on an S3-compatible bucket. Credentials come from
 * the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
 * AWS_SESSION_TOKEN) or the SDK's default chain (profiles, instance roles),
 * never from the store URL, and are never logged.
 */
export class S3FileStore implements SharedFileStore {
  readonly description: string;
  readonly place: StorePlace;
  private readonly client: S3Client;
  private readonly threshold: number;
  private readonly partSize: number;
  private readonly concurrency: number;

  constructor(private readonly options: S3StoreOptions) {
    this.place = { kind: 's3', bucket: options.bucket, prefix: options.prefix, endpoint: options.endpoint };
    this.description = storePlaceIn(this.place, 'en');
    this.threshold = options.multipartThreshold ?? 64 * MB;
    this.partSize = Math.max(5 * MB, options.partSize ?? 16 * MB);
    this.concurrency = Math.max(1, options.partConcurrency ?? 4);
    const env = options.env ?? process.env;
    const key = env.AWS_ACCESS_KEY_ID;
    const secret = env.AWS_SECRET_ACCESS_KEY;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      // Given keys are used as they are; otherwise the SDK's chain (profile, SSO, instance role) finds them.
      credentials: key && secret ? { accessKeyId: key, secretAccessKey: secret, sessionToken: env.AWS_SESSION_TOKEN || undefined } : undefined,
      // Newer SDKs add CRC checksums to every upload; several S3-compatible servers reject those, so only where S3 requires one (DeleteObjects).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 4,
      // A silent server fails the call instead of hanging a worker: 10 s to connect, 2 minutes without a byte.
      requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
    });
  }

  private keyOf(key: string): string {
    checkStoreKey(key);
    return this.options.prefix ? `${this.options.prefix}/${key}` : key;
  }

  async put(key: string, localPath: string): Promise<void> {
    const objectKey = this.keyOf(key);
    const { size } = await fs.stat(localPath);
    if (size > this.threshold) return this.putInParts(objectKey, localPath, size);
    // A buffer (at most the threshold) rather than a stream: the SDK can resend it when it retries, and signs its hash.
    const body = await fs.readFile(localPath);
    await this.call(() => this.client.send(new PutObjectCommand({ Bucket: this.options.bucket, Key: objectKey, Body: body, ContentLength: body.length })));
  }

  /** Multipart upload read from disk one part at a time; aborted on any failure so no parts are left billed. */
  private async putInParts(objectKey: string, localPath: string, size: number): Promise<void> {
    const partSize = Math.max(this.partSize, Math.ceil(size / MAX_PARTS));
    const count = Math.ceil(size / partSize);
    const { bucket } = this.options;
    const created = await this.call(() => this.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: objectKey })));
    const uploadId = created.UploadId;
    if (!uploadId) throw this.failure('no UploadId in the CreateMultipartUpload answer');
    const file = await fs.open(localPath, 'r');
    try {
      const parts: CompletedPart[] = new Array<CompletedPart>(count);
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < count) {
          const index = next++;
          const start = index * partSize;
          const length = Math.min(partSize, size - start);
          const chunk = Buffer.allocUnsafe(length);
          const { bytesRead } = await file.read(chunk, 0, length, start);
          if (bytesRead !== length) throw this.failure(`${localPath} changed while it was uploaded`);
          const answer = await this.call(() =>
            this.client.send(new UploadPartCommand({ Bucket: bucket, Key: objectKey, UploadId: uploadId, PartNumber: index + 1, Body: chunk, ContentLength: length })),
          );
          parts[index] = { PartNumber: index + 1, ETag: answer.ETag };
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, count) }, lane));
      await this.call(() => this.client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: objectKey, UploadId: uploadId, MultipartUpload: { Parts: parts } })));
    } catch (err) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: objectKey, UploadId: uploadId })).catch(() => undefined);
      throw err;
    } finally {
      await file.close();
    }
  }

  async get(key: string, localPath: string): Promise<void> {
    const objectKey = this.keyOf(key);
    await fs.mkdir(path.dirname(localPath), { recursive: true });
    // Into a temporary name first, so the caller never sees half a file at `localPath`.
    const partial = `${localPath}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      const answer = await this.call(() => this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: objectKey })), key);
      const body = answer.Body as Readable | undefined;
      if (!body) throw this.failure('GetObject answered without a body');
      // Whether the connection broke (say so, retryable) rather than the local disk (ENOSPC, EACCES: their own errors).
      let bodyBroke = false;
      body.once('error', () => (bodyBroke = true));
      try {
        await pipeline(body, createWriteStream(partial));
      } catch (err) {
        if (bodyBroke) throw this.cutShort(key, `${(err as Error).message}`);
        throw err;
      }
      const { size } = await fs.stat(partial);
      if (answer.ContentLength !== undefined && size !== answer.ContentLength) throw this.cutShort(key, `${size} of ${answer.ContentLength} bytes`);
      await fs.rename(partial, localPath);
    } catch (err) {
      await fs.rm(partial, { force: true });
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    const objectKey = this.keyOf(key);
    try {
      await this.call(() => this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: objectKey })), key);
      return true;
    } catch (err) {
      if (err instanceof StudioError && err.code === 'NOT_FOUND' && err.key === 'farm.store.notFound') return false;
      throw err;
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    // As in the folder store: a prefix names a folder, so `jobs/1` never takes `jobs/10`'s files.
    const listPrefix = `${this.keyOf(prefix.replace(/\/+$/, ''))}/`;
    const { bucket } = this.options;
    let token: string | undefined;
    do {
      const page = await this.call(() => this.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: listPrefix, ContinuationToken: token, MaxKeys: DELETE_BATCH })));
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        const batch = keys.slice(i, i + DELETE_BATCH);
        const answer = await this.call(() => this.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } })));
        const refused = answer.Errors ?? [];
        if (refused.length > 0) throw this.failure(`${refused.length} keys were not deleted, first ${refused[0]?.Key ?? '?'}: ${refused[0]?.Code ?? ''} ${refused[0]?.Message ?? ''}`.trim());
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Runs one SDK call (which retries throttling and 5xx itself) and says its failure in the user's terms. */
  private async call<T>(send: () => Promise<T>, key?: string): Promise<T> {
    try {
      return await send();
    } catch (err) {
      throw this.translate(err, key);
    }
  }

  private translate(err: unknown, key: string | undefined): unknown {
    if (err instanceof StudioError) return err;
    const store = this.description;
    if (err instanceof S3ServiceException) {
      const status = err.$metadata.httpStatusCode;
      const detail = `${err.name}${err.message && err.message !== err.name && err.message !== 'UnknownError' ? `: ${err.message}` : ''}`;
      if (key !== undefined && (err.name === 'NoSuchKey' || err.name === 'NotFound' || (status === 404 && err.name !== 'NoSuchBucket'))) {
        return new StudioError({ code: 'NOT_FOUND', message: `The shared store (${store}) has no file ${key}.`, ...say('farm.store.notFound', { key, store }) });
      }
      if (err.name === 'NoSuchBucket') {
        return new StudioError({ code: 'NOT_FOUND', message: `The bucket ${this.options.bucket} does not exist.`, ...say('farm.store.noBucket', { bucket: this.options.bucket }) });
      }
      if (status === 401 || status === 403 || ['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'ExpiredToken'].includes(err.name)) {
        return new StudioError({ code: 'UNAUTHORIZED', message: `The shared store ${store} refused the keys: ${detail}`, ...say('farm.store.denied', { store, detail }) });
      }
      return new StudioError({ code: 'INTERNAL', retryable: status === undefined || status >= 500, message: `The shared store ${store} failed: ${detail}`, ...say('farm.store.failed', { store, detail }) });
    }
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string' && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)) {
      return new StudioError({ code: 'INTERNAL', retryable: true, message: `The shared store ${store} cannot be reached: ${code}`, ...say('farm.store.unreachable', { store, detail: code }) });
    }
    // Local file errors (ENOENT on the source, ENOSPC on the target) keep their own code.
    return err;
  }

  private cutShort(key: string, detail: string): StudioError {
    const store = this.description;
    return new StudioError({ code: 'INTERNAL', retryable: true, message: `The download of ${key} from ${store} stopped before the end (${detail}).`, ...say('farm.store.cutShort', { key, store }) });
  }

  private failure(detail: string): StudioError {
    const store = this.description;
    return new StudioError({ code: 'INTERNAL', message: `The shared store ${store} failed: ${detail}`, ...say('farm.store.failed', { store, detail }) });
  }

  /** Lets go of the SDK's pooled connections (a worker shutting down). */
  close(): void {
    this.client.destroy();
  }
}
