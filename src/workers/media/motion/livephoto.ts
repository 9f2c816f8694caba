import fs from 'node:fs';

/**
 * Apple Live Photo pairing, written by hand because no tool writes both
 * halves: ffmpeg writes the MOV's content-identifier key but not the
 * still-image-time track, and ExifTool edits but does not create Apple
 * MakerNotes. The structures below follow the QuickTime File Format
 * (timed metadata, 'mebx') and ExifTool's Apple MakerNote layout.
 */

// ---- JPEG: EXIF APP1 with an Apple MakerNote carrying ContentIdentifier (tag 0x0011) ----

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}
function i32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
/** One 12-byte IFD entry, big-endian. */
function ifdEntry(tag: number, type: number, count: number, valueOrOffset: Buffer): Buffer {
  const v = Buffer.alloc(4);
  valueOrOffset.copy(v, 0, 0, Math.min(4, valueOrOffset.length));
  return Buffer.concat([u16(tag), u16(type), u32(count), v]);
}
const ASCII = 2;
const LONG = 4;
const UNDEFINED = 7;

function appleMakerNote(contentId: string): Buffer {
  const header = Buffer.concat([Buffer.from('Apple iOS\0', 'latin1'), u16(1), Buffer.from('MM', 'latin1')]); // 14 bytes
  const str = Buffer.from(`${contentId}\0`, 'latin1');
  const ifdStart = header.length;
  const strOffset = ifdStart + 2 + 12 + 4; // offsets are relative to the start of the maker note
  const ifd = Buffer.concat([u16(1), ifdEntry(0x0011, ASCII, str.length, u32(strOffset)), u32(0)]);
  return Buffer.concat([header, ifd, str]);
}

/** EXIF APP1 payload ("Exif\0\0" + TIFF) with IFD0 { Software, ExifIFD → { MakerNote } }. */
function exifWithMakerNote(contentId: string, software: string): Buffer {
  const sw = Buffer.from(`${software}\0`, 'latin1');
  const ifd0Start = 8;
  const ifd0Len = 2 + 2 * 12 + 4;
  const swOffset = ifd0Start + ifd0Len;
  const exifIfdStart = swOffset + sw.length + (sw.length % 2); // word-aligned
  const maker = appleMakerNote(contentId);
  const makerOffset = exifIfdStart + 2 + 12 + 4;
  const tiff = Buffer.concat([
    Buffer.from('MM\0*', 'latin1'),
    u32(ifd0Start),
    u16(2),
    ifdEntry(0x0131, ASCII, sw.length, u32(swOffset)),
    ifdEntry(0x8769, LONG, 1, u32(exifIfdStart)),
    u32(0),
    sw,
    Buffer.alloc(sw.length % 2),
    u16(1),
    ifdEntry(0x927c, UNDEFINED, maker.length, u32(makerOffset)),
    u32(0),
    maker,
  ]);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

/** Inserts the EXIF segment into a JPEG (after SOI and any JFIF APP0), replacing an existing EXIF APP1. */
export function addContentIdentifierToJpeg(jpeg: Buffer, contentId: string, software: string): Buffer {
  if (jpeg.readUInt16BE(0) !== 0xffd8) throw new Error('not a JPEG');
  const payload = exifWithMakerNote(contentId, software);
  const app1 = Buffer.concat([u16(0xffe1), u16(payload.length + 2), payload]);
  const kept: Buffer[] = [jpeg.subarray(0, 2)];
  let pos = 2;
  let inserted = false;
  while (pos + 4 <= jpeg.length && jpeg[pos] === 0xff) {
    const marker = jpeg.readUInt16BE(pos);
    if (marker === 0xffda) break; // start of scan: the rest is image data
    const len = jpeg.readUInt16BE(pos + 2);
    const seg = jpeg.subarray(pos, pos + 2 + len);
    const isExif = marker === 0xffe1 && seg.subarray(4, 10).toString('latin1') === 'Exif\0\0';
    if (!inserted && marker !== 0xffe0) {
      kept.push(app1);
      inserted = true;
    }
    if (!isExif) kept.push(seg);
    pos += 2 + len;
  }
  if (!inserted) kept.push(app1);
  kept.push(jpeg.subarray(pos));
  return Buffer.concat(kept);
}

// ---- MOV: a timed metadata track holding com.apple.quicktime.still-image-time ----

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([u32(body.length + 8), Buffer.from(type, 'latin1'), body]);
}
function fullBox(type: string, version: number, flags: number, ...payload: Buffer[]): Buffer {
  return box(type, u32(((version & 0xff) << 24) | (flags & 0xffffff)), ...payload);
}
const MATRIX = Buffer.concat([0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000].map(u32));

interface TopBox {
  type: string;
  start: number;
  size: number;
  headerSize: number;
}

function topLevelBoxes(fd: number, fileSize: number): TopBox[] {
  const boxes: TopBox[] = [];
  let pos = 0;
  const head = Buffer.alloc(16);
  while (pos < fileSize) {
    fs.readSync(fd, head, 0, 16, pos);
    let size = head.readUInt32BE(0);
    const type = head.toString('latin1', 4, 8);
    let headerSize = 8;
    if (size === 1) {
      size = Number(head.readBigUInt64BE(8));
      headerSize = 16;
    } else if (size === 0) {
      size = fileSize - pos;
    }
    if (size < headerSize) throw new Error(`corrupt box "${type}" at ${pos}`);
    boxes.push({ type, start: pos, size, headerSize });
    pos += size;
  }
  return boxes;
}

function children(buf: Buffer): Array<{ type: string; data: Buffer }> {
  const out: Array<{ type: string; data: Buffer }> = [];
  let pos = 0;
  while (pos + 8 <= buf.length) {
    const size = buf.readUInt32BE(pos);
    if (size < 8) break;
    out.push({ type: buf.toString('latin1', pos + 4, pos + 8), data: buf.subarray(pos, pos + size) });
    pos += size;
  }
  return out;
}

const STILL_KEY = 'com.apple.quicktime.still-image-time';

/**
 * Appends the still-image-time metadata track to a MOV whose moov is the last
 * box (ffmpeg's layout without +faststart). The existing media data is not
 * moved, so no chunk offset of the other tracks changes; the one-sample
 * payload goes into a small mdat before the rewritten moov.
 */
export function addStillImageTimeTrack(movIn: string, movOut: string, stillTimeSec: number, fps: number): void {
  const fd = fs.openSync(movIn, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const boxes = topLevelBoxes(fd, size);
    const moovBox = boxes[boxes.length - 1];
    if (!moovBox || moovBox.type !== 'moov') throw new Error('the MOV must end with its moov box (written without +faststart)');
    const moov = Buffer.alloc(moovBox.size);
    fs.readSync(fd, moov, 0, moovBox.size, moovBox.start);
    const kids = children(moov.subarray(moovBox.headerSize));
    const mvhd = kids.find((k) => k.type === 'mvhd');
    if (!mvhd) throw new Error('moov has no mvhd');
    const v1 = mvhd.data[8] === 1;
    const movieScale = mvhd.data.readUInt32BE(v1 ? 28 : 20);
    const nextIdPos = mvhd.data.length - 4;
    const trackId = mvhd.data.readUInt32BE(nextIdPos);
    const newMvhd = Buffer.from(mvhd.data);
    newMvhd.writeUInt32BE(trackId + 1, nextIdPos);

    // The one sample: a single metadata item (local key 1) holding int8 -1, as Apple's cameras write it.
    const sample = Buffer.concat([u32(9), u32(1), Buffer.from([0xff])]);
    const mdat = box('mdat', sample);
    const sampleOffset = moovBox.start + 8;

    const mediaScale = 600;
    const sampleTicks = Math.max(1, Math.round(mediaScale / fps));
    const stillMovie = Math.round(stillTimeSec * movieScale);
    const sampleMovie = Math.round((sampleTicks / mediaScale) * movieScale);

    const keyBox = box(
      'keys',
      box('\0\0\0\x01', box('keyd', Buffer.from('mdta', 'latin1'), Buffer.from(STILL_KEY, 'latin1')), box('dtyp', u32(0), u32(65))),
    );
    const mebx = box('mebx', Buffer.alloc(6), u16(1), keyBox);
    const stbl = box(
      'stbl',
      fullBox('stsd', 0, 0, u32(1), mebx),
      fullBox('stts', 0, 0, u32(1), u32(1), u32(sampleTicks)),
      fullBox('stsc', 0, 0, u32(1), u32(1), u32(1), u32(1)),
      fullBox('stsz', 0, 0, u32(0), u32(1), u32(sample.length)),
      fullBox('stco', 0, 0, u32(1), u32(sampleOffset)),
    );
    const minf = box('minf', fullBox('nmhd', 0, 0), box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))), stbl);
    const hdlr = fullBox('hdlr', 0, 0, Buffer.from('mhlr', 'latin1'), Buffer.from('meta', 'latin1'), u32(0), u32(0), u32(0), Buffer.from([0]));
    const mdhd = fullBox('mdhd', 0, 0, u32(0), u32(0), u32(mediaScale), u32(sampleTicks), u16(0x55c4), u16(0));
    const elst =
      stillMovie > 0
        ? fullBox('elst', 0, 0, u32(2), u32(stillMovie), i32(-1), u32(0x00010000), u32(sampleMovie), i32(0), u32(0x00010000))
        : fullBox('elst', 0, 0, u32(1), u32(sampleMovie), i32(0), u32(0x00010000));
    const tkhd = fullBox(
      'tkhd', 0, 0x000001,
      u32(0), u32(0), u32(trackId), u32(0), u32(stillMovie + sampleMovie),
      Buffer.alloc(8), u16(0), u16(0), u16(0), u16(0), MATRIX, u32(0), u32(0),
    );
    const trak = box('trak', tkhd, box('edts', elst), box('mdia', mdhd, hdlr, minf));
    const newMoov = box('moov', ...kids.map((k) => (k.type === 'mvhd' ? newMvhd : k.data)), trak);

    const out = fs.openSync(movOut, 'w');
    try {
      // Copy everything before moov unchanged, in 4 MB steps.
      const chunk = Buffer.alloc(4 * 1024 * 1024);
      let pos = 0;
      while (pos < moovBox.start) {
        const n = fs.readSync(fd, chunk, 0, Math.min(chunk.length, moovBox.start - pos), pos);
        fs.writeSync(out, chunk, 0, n);
        pos += n;
      }
      fs.writeSync(out, mdat);
      fs.writeSync(out, newMoov);
    } finally {
      fs.closeSync(out);
    }
  } finally {
    fs.closeSync(fd);
  }
}
