import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { DbHandle } from '../db/connect.js';
import { ApiError } from '../errors.js';
import type { Hasher } from '../fraud/hash.js';
import type { VerificationStatus } from '../partners/tables.js';
import { isValidTaiwanId, maskTaiwanId } from './national-id.js';

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** The types accepted for an ID document, each recognised by its first bytes (the header alone is not trusted). */
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'application/pdf': (b) => b.length > 5 && b.subarray(0, 5).toString('latin1') === '%PDF-',
};
export const DOCUMENT_TYPES = Object.keys(MAGIC);

export interface VerificationView {
  id: string;
  user_id: string;
  national_id: string;
  full_name: string;
  document_id: string;
  status: VerificationStatus;
  /** YYYY-MM-DD, when the user gave it (blind boxes need it for the buyer's age). */
  birth_date: string | null;
  note: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
  created_at: number;
}

/** Identity (KYC): a valid Taiwan ID number plus a document image that an admin reviews. */
export class IdentityVerification {
  constructor(
    private readonly h: DbHandle,
    private readonly clock: Clock,
    private readonly hasher: Hasher,
  ) {}

  async upload(userId: string, contentType: string, data: Buffer): Promise<{ document_id: string; size: number; content_type: string }> {
    const check = MAGIC[contentType];
    if (!check) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `documents must be one of ${DOCUMENT_TYPES.join(', ')}`);
    if (data.length > MAX_DOCUMENT_BYTES) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `documents are at most ${MAX_DOCUMENT_BYTES} bytes`);
    if (!check(data)) throw new ApiError(400, 'DOCUMENT_TYPE_MISMATCH', `the file is not a ${contentType}`);
    const id = randomUUID();
    await this.h.db.insertInto('identity_documents').values({ id, user_id: userId, content_type: contentType, size: data.length, data, created_at: this.clock.now() }).execute();
    return { document_id: id, size: data.length, content_type: contentType };
  }

  async submit(userId: string, input: { national_id: string; full_name: string; document_id: string; birth_date?: string | undefined }): Promise<VerificationView> {
    const nid = input.national_id.trim().toUpperCase();
    if (!isValidTaiwanId(nid)) throw new ApiError(400, 'INVALID_NATIONAL_ID', 'not a valid Taiwan national ID number');
    // Compared in UTC+14, the earliest calendar anywhere: a date that has begun somewhere is not refused.
    if (input.birth_date !== undefined && input.birth_date > new Date(this.clock.now() + 14 * 3600 * 1000).toISOString().slice(0, 10))
      throw new ApiError(400, 'VALIDATION_ERROR', 'birth_date: not in the future', [{ path: 'birth_date', message: 'not in the future' }]);
    const doc = await this.h.db.selectFrom('identity_documents').select('id').where('id', '=', input.document_id).where('user_id', '=', userId).executeTakeFirst();
    if (!doc) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'upload the document first');
    const open = await this.h.db.selectFrom('identity_verifications').select('status').where('user_id', '=', userId).where('status', 'in', ['pending', 'approved']).executeTakeFirst();
    if (open) throw new ApiError(409, open.status === 'approved' ? 'IDENTITY_ALREADY_VERIFIED' : 'IDENTITY_PENDING', `an identity verification is already ${open.status}`);
    const hash = this.hasher.hash('national_id', nid);
    const other = await this.h.db.selectFrom('identity_verifications').select('id').where('national_id_hash', '=', hash).where('user_id', '<>', userId).where('status', 'in', ['pending', 'approved']).executeTakeFirst();
    if (other) throw new ApiError(409, 'NATIONAL_ID_IN_USE', 'this ID number is used by another account');
    const id = randomUUID();
    await this.h.db
      .insertInto('identity_verifications')
      .values({ id, user_id: userId, national_id_hash: hash, national_id_masked: maskTaiwanId(nid), full_name: input.full_name, document_id: input.document_id, birth_date: input.birth_date ?? null, status: 'pending', note: null, reviewed_by: null, reviewed_at: null, created_at: this.clock.now() })
      .execute();
    return this.get(id);
  }

  async get(id: string): Promise<VerificationView> {
    const r = await this.h.db.selectFrom('identity_verifications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw new ApiError(404, 'VERIFICATION_NOT_FOUND', `no verification ${id}`);
    return { id: r.id, user_id: r.user_id, national_id: r.national_id_masked, full_name: r.full_name, document_id: r.document_id, status: r.status, birth_date: r.birth_date, note: r.note, reviewed_by: r.reviewed_by, reviewed_at: r.reviewed_at, created_at: r.created_at };
  }

  async latest(userId: string): Promise<VerificationView | null> {
    const r = await this.h.db.selectFrom('identity_verifications').select('id').where('user_id', '=', userId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    return r ? this.get(r.id) : null;
  }

  async isVerified(userId: string): Promise<boolean> {
    return (await this.h.db.selectFrom('identity_verifications').select('id').where('user_id', '=', userId).where('status', '=', 'approved').executeTakeFirst()) !== undefined;
  }

  async list(status: VerificationStatus, limit: number): Promise<VerificationView[]> {
    const rows = await this.h.db.selectFrom('identity_verifications').select('id').where('status', '=', status).orderBy('created_at').limit(limit).execute();
    return Promise.all(rows.map((r) => this.get(r.id)));
  }

  async document(verificationId: string): Promise<{ content_type: string; data: Buffer }> {
    const v = await this.get(verificationId);
    const d = await this.h.db.selectFrom('identity_documents').select(['content_type', 'data']).where('id', '=', v.document_id).executeTakeFirstOrThrow();
    return { content_type: d.content_type, data: Buffer.from(d.data) };
  }

  /** The admin's decision, recorded with who and when; only a pending verification can be decided. */
  async decide(id: string, adminId: string, decision: 'approved' | 'rejected', note: string): Promise<VerificationView> {
    const res = await this.h.db
      .updateTable('identity_verifications')
      .set({ status: decision, note, reviewed_by: adminId, reviewed_at: this.clock.now() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const v = await this.get(id);
      throw new ApiError(409, 'ALREADY_DECIDED', `verification ${id} is already ${v.status}`);
    }
    return this.get(id);
  }
}
