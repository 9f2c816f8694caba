import { randomFillSync } from 'node:crypto';

/** Random bytes drawn in batches, as node's randomUUID does: a draw per id costs several times a whole id. */
const POOL_IDS = 256;
const pool = Buffer.alloc(16 * POOL_IDS);
let next = POOL_IDS;

/**
 * A UUID of version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Rows keyed
 * by it are inserted at the end of their indexes instead of anywhere in them: the gateway writes a
 * call's row, its hold, capture and postings under keys made from one call id, and with random
 * (version 4) ids each of those inserts dirtied its own page of each index, which every group
 * commit then wrote to the WAL and the checkpointer copied back. It stays unguessable (74 random
 * bits) and it is a UUID to anything that checks the format.
 */
export function timeOrderedId(now = Date.now()): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const b = pool.subarray(16 * next, 16 * ++next);
  // 48-bit big-endian milliseconds, then the version and variant bits over the random ones.
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
