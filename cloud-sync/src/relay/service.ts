import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { constraintKind } from '../db/connect.js';
import { ApiError } from '../errors.js';
import type { ResolvedRelay } from './config.js';
import type { RelayType } from './magic.js';
import { receive } from './receive.js';
import type { ByteRange, RelayStorage } from './storage.js';
import { clearIncoming } from './storage.js';
import type { RelayFilesTable } from './tables.js';

export interface RelayView {
  id: string;
  url: string;
  sha256: string;
  bytes: number;
  content_type: string;
  created_at: number;
  expires_at: number;
}

export interface Served {
  contentType: string;
  /** The whole file's size. */
  bytes: number;
  range: ByteRange | null;
  body: Readable;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/** 32 bytes of HMAC, base64url: 256 bits nobody can guess without the server's key. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** `Range: bytes=a-b | a- | -n` (one range) against a file of `size` bytes: null for the whole file, 'unsatisfiable' when outside it. */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges, or another unit: the whole file is a valid answer (RFC 9110 §14.2).
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/**
 * The media relay (issue 13): the one place cloud-sync holds media. A user
 * uploads a post's file; it is stored once per user by its SHA-256, served
 * without auth at an unguessable URL until it expires (default 24 h) or its
 * owner deletes it after the post is published, and then removed from
 * storage by the sweep.
 */
export class RelayService {
  private readonly tokenKey: Buffer;

  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
    private readonly storage: RelayStorage,
    private readonly cfg: ResolvedRelay,
    private readonly publicUrl: () => string,
    secret: string,
  ) {
    this.tokenKey = createHash('sha256').update(`kingjam-media-relay\u0000${secret}`).digest();
  }

  /** The URL's token, derived from the file's id (so the same file answers the same URL), never stored. */
  private token(id: string): string {
    return createHmac('sha256', this.tokenKey).update(`relay:${id}`).digest('base64url');
  }

  private view(r: RelayFilesTable): RelayView {
    return {
      id: r.id,
      url: `${this.publicUrl().replace(/\/+$/, '')}/m/${this.token(r.id)}`,
      sha256: r.sha256,
      bytes: Number(r.bytes),
      content_type: r.content_type,
      created_at: Number(r.created_at),
      expires_at: Number(r.expires_at),
    };
  }

  /** Bytes the user has live now. */
  private async used(userId: string, now: number): Promise<number> {
    const r = await this.h.db
      .selectFrom('relay_files')
      .select((eb) => eb.fn.sum<number | string | null>('bytes').as('n'))
      .where('user_id', '=', userId)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  private quotaError(used: number, incoming: number): ApiError {
    return new ApiError(
      429,
      'RELAY_QUOTA_EXCEEDED',
      `the relay holds ${used} bytes of yours and this file is ${incoming} more; at most ${this.cfg.quotaBytes} may be live at once — delete relayed files of published posts or wait for them to expire`,
      { used_bytes: used, incoming_bytes: incoming, quota_bytes: this.cfg.quotaBytes },
    );
  }

  /** Receives a file; answers it and whether it was new (an identical live file of the same user is answered instead, its lifetime renewed). */
  async upload(userId: string, type: RelayType, declaredBytes: number | null, body: Readable): Promise<{ file: RelayView; created: boolean }> {
    const now = this.clock.now();
    if (declaredBytes !== null && declaredBytes > this.cfg.maxBytes) {
      throw new ApiError(413, 'RELAY_FILE_TOO_LARGE', `the file is ${declaredBytes} bytes; the relay takes at most ${this.cfg.maxBytes}`, { bytes: declaredBytes, limit_bytes: this.cfg.maxBytes });
    }
    if (declaredBytes !== null) {
      const used = await this.used(userId, now);
      if (used + declaredBytes > this.cfg.quotaBytes) throw this.quotaError(used, declaredBytes);
    }
    await mkdir(this.storage.incoming, { recursive: true });
    const temp = join(this.storage.incoming, randomUUID());
    try {
      const got = await receive(body, temp, type, this.cfg.maxBytes);
      const same = await this.renew(userId, got.sha256);
      if (same) return { file: same, created: false };
      const used = await this.used(userId, this.clock.now());
      if (used + got.bytes > this.cfg.quotaBytes) throw this.quotaError(used, got.bytes);
      return { file: await this.store(userId, type, got, temp), created: true };
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** The user's live file with these bytes, its expiry pushed to a full lifetime from now; null when there is none. */
  private async renew(userId: string, sha256: string): Promise<RelayView | null> {
    const now = this.clock.now();
    const r = await this.h.db.selectFrom('relay_files').selectAll().where('user_id', '=', userId).where('sha256', '=', sha256).where('expires_at', '>', now).executeTakeFirst();
    if (!r) return null;
    const until = Math.max(Number(r.expires_at), now + this.cfg.ttlMs);
    // Only a live row is renewed: the sweep may be removing one that has just expired.
    const done = await this.h.db.updateTable('relay_files').set({ expires_at: until }).where('id', '=', r.id).where('expires_at', '>', now).executeTakeFirst();
    return Number(done.numUpdatedRows) === 1 ? this.view({ ...r, expires_at: until }) : null;
  }

  private async store(userId: string, type: RelayType, got: { bytes: number; sha256: string }, temp: string): Promise<RelayView> {
    const id = randomUUID();
    const now = this.clock.now();
    const row: RelayFilesTable = { id, user_id: userId, sha256: got.sha256, bytes: got.bytes, content_type: type, token_hash: sha(this.token(id)), storage_key: `${userId}/${id}`, created_at: now, expires_at: now + this.cfg.ttlMs };
    await this.storage.put(row.storage_key, temp, { bytes: got.bytes, sha256: got.sha256, contentType: type });
    for (let attempt = 0; ; attempt++) {
      try {
        await this.h.db.insertInto('relay_files').values(row).execute();
        return this.view(row);
      } catch (err) {
        if (constraintKind(err) !== 'unique' || attempt > 0) {
          await this.storage.delete(row.storage_key);
          throw err;
        }
        // The same bytes arrived twice at once, or an expired copy awaits the sweep.
        const same = await this.renew(userId, got.sha256);
        if (same) {
          await this.storage.delete(row.storage_key);
          return same;
        }
        await this.expireOne(userId, got.sha256);
      }
    }
  }

  private async expireOne(userId: string, sha256: string): Promise<void> {
    const old = await this.h.db.selectFrom('relay_files').select(['id', 'storage_key']).where('user_id', '=', userId).where('sha256', '=', sha256).where('expires_at', '<=', this.clock.now()).executeTakeFirst();
    if (old) await this.removeRow(old.id, old.storage_key, true);
  }

  /** Deletes the row (only while expired, when `expiredOnly`), then its bytes. */
  private async removeRow(id: string, key: string, expiredOnly: boolean): Promise<boolean> {
    const res = await this.h.db
      .deleteFrom('relay_files')
      .where('id', '=', id)
      .$if(expiredOnly, (q) => q.where('expires_at', '<=', this.clock.now()))
      .executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) return false;
    await this.storage.delete(key);
    return true;
  }

  /** The caller's own live files, newest first. */
  async list(userId: string): Promise<RelayView[]> {
    const rows = await this.h.db.selectFrom('relay_files').selectAll().where('user_id', '=', userId).where('expires_at', '>', this.clock.now()).orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
    return rows.map((r) => this.view(r));
  }

  /** The owner deletes a file (its post is published); another user's file is "not found". */
  async remove(userId: string, id: string): Promise<void> {
    const r = await this.h.db.selectFrom('relay_files').select(['id', 'storage_key']).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (!r || !(await this.removeRow(r.id, r.storage_key, false))) throw new ApiError(404, 'RELAY_FILE_NOT_FOUND', `no relayed file ${id}`);
  }

  /** The file behind a public URL, while it is live. */
  async serve(token: string, rangeHeader: string | undefined, withBody = true): Promise<Served | { unsatisfiable: number }> {
    const gone = new ApiError(404, 'RELAY_FILE_NOT_FOUND', 'this relayed file has expired or was deleted');
    if (!TOKEN.test(token)) throw gone;
    const r = await this.h.db.selectFrom('relay_files').selectAll().where('token_hash', '=', sha(token)).where('expires_at', '>', this.clock.now()).executeTakeFirst();
    if (!r) throw gone;
    const bytes = Number(r.bytes);
    const range = parseRange(rangeHeader, bytes);
    if (range === 'unsatisfiable') return { unsatisfiable: bytes };
    try {
      // A HEAD asks only for the headers: the stored bytes are not opened.
      return { contentType: r.content_type, bytes, range, body: withBody ? await this.storage.read(r.storage_key, range) : Readable.from([]) };
    } catch {
      // Deleted between the lookup and the read.
      throw gone;
    }
  }

  /** The expiry sweep: expired files leave storage and the table; uploads a crash left half-written are cleared. */
  async sweep(limit = 500): Promise<{ deleted: number; incomplete: number }> {
    const due = await this.h.db.selectFrom('relay_files').select(['id', 'storage_key']).where('expires_at', '<=', this.clock.now()).orderBy('expires_at').limit(limit).execute();
    let deleted = 0;
    for (const r of due) if (await this.removeRow(r.id, r.storage_key, true)) deleted++;
    // An upload in progress keeps writing its file; a day without a write is an abandoned one. File times are the wall clock's.
    const incomplete = await clearIncoming(this.storage.incoming, Date.now(), 24 * 3600_000);
    return { deleted, incomplete };
  }
}
