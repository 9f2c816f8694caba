import { randomFillSync } from 'node:crypto';

/**
 * A UUID of version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Rows keyed
 * by it are inserted at the end of their indexes instead of anywhere in them: the gateway writes a
 * call's row, its hold, capture and postings under keys made from one call id, and with random
 * (version 4) ids each of those inserts dirtied its own page of each index, which every group
 * commit then wrote to the WAL and the checkpointer copied back. It stays unguessable (74 random
 * bits) and it is a UUID to anything that checks the format.
 */
export function timeOrderedId(now = Date.now()): string {
  const b = randomFillSync(Buffer.alloc(16));
  // 48-bit big-endian milliseconds.
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
