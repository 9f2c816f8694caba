// Rewrites a TrueType/OpenType font's cmap table so that a reader taking the
// first Microsoft Unicode cmap (libass before 0.17.2, as in Debian 12's
// ffmpeg) gets the full-Unicode one (platform 3, encoding 10) rather than the
// BMP-only one (3, 1), which cannot map emoji above U+FFFF. The (3, 1) record
// is dropped from the cmap header; the subtables themselves stay where they
// are. The cmap checksum and head.checkSumAdjustment are recomputed.

function checksum(buf, start, length) {
  let sum = 0;
  const padded = Math.ceil(length / 4) * 4;
  for (let i = 0; i < padded; i += 4) {
    let word = 0;
    for (let b = 0; b < 4; b++) word = (word << 8) | (i + b < length ? buf[start + i + b] : 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}

function tableRecord(buf, tag) {
  const numTables = buf.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    if (buf.toString('latin1', rec, rec + 4) === tag) {
      return { rec, offset: buf.readUInt32BE(rec + 8), length: buf.readUInt32BE(rec + 12) };
    }
  }
  return null;
}

/** Returns a copy of `input` whose cmap lists no BMP-only Microsoft subtable when a full-Unicode one exists; unchanged otherwise. */
export function preferFullUnicodeCmap(input) {
  const buf = Buffer.from(input);
  const cmap = tableRecord(buf, 'cmap');
  if (!cmap) throw new Error('font has no cmap table');
  const n = buf.readUInt16BE(cmap.offset + 2);
  const records = [];
  for (let i = 0; i < n; i++) {
    const at = cmap.offset + 4 + i * 8;
    records.push({ platform: buf.readUInt16BE(at), encoding: buf.readUInt16BE(at + 2), sub: buf.readUInt32BE(at + 4) });
  }
  const hasFull = records.some((r) => r.platform === 3 && r.encoding === 10);
  if (!hasFull) return buf;
  const kept = records.filter((r) => !(r.platform === 3 && r.encoding === 1));
  buf.writeUInt16BE(kept.length, cmap.offset + 2);
  buf.fill(0, cmap.offset + 4, cmap.offset + 4 + n * 8);
  kept.forEach((r, i) => {
    const at = cmap.offset + 4 + i * 8;
    buf.writeUInt16BE(r.platform, at);
    buf.writeUInt16BE(r.encoding, at + 2);
    buf.writeUInt32BE(r.sub, at + 4);
  });
  buf.writeUInt32BE(checksum(buf, cmap.offset, cmap.length), cmap.rec + 4);
  const head = tableRecord(buf, 'head');
  if (head) {
    buf.writeUInt32BE(0, head.offset + 8);
    buf.writeUInt32BE(checksum(buf, head.offset, head.length), head.rec + 4);
    buf.writeUInt32BE((0xb1b0afba - checksum(buf, 0, buf.length)) >>> 0, head.offset + 8);
  }
  return buf;
}
