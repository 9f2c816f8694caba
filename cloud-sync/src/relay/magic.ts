/** What the relay accepts: the image and video formats the platforms that fetch media by URL take. */
export const RELAY_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'video/mp4', 'video/quicktime', 'video/webm'] as const;
export type RelayType = (typeof RELAY_TYPES)[number];

/** How many leading bytes `sniff` needs to decide. */
export const SNIFF_BYTES = 12;

const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));

/** QuickTime files may begin with any of these top-level atoms instead of `ftyp`. */
const QT_ATOMS = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/**
 * Whether the file's first bytes are what its declared type says (the relay serves the declared
 * type, so a file must not be able to pass for another — HTML posing as an image, say).
 */
export function matchesType(type: RelayType, head: Uint8Array): boolean {
  const at = (i: number, ...bytes: number[]) => bytes.every((v, k) => head[i + k] === v);
  switch (type) {
    case 'image/jpeg':
      return at(0, 0xff, 0xd8, 0xff);
    case 'image/png':
      return at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case 'image/gif':
      return head.length >= 6 && (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a');
    case 'image/webp':
      return head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP';
    case 'video/mp4':
      return head.length >= 8 && ascii(head, 4, 8) === 'ftyp';
    case 'video/quicktime':
      return head.length >= 8 && (ascii(head, 4, 8) === 'ftyp' || QT_ATOMS.has(ascii(head, 4, 8)));
    case 'video/webm':
      // The EBML header every Matroska/WebM file starts with.
      return at(0, 0x1a, 0x45, 0xdf, 0xa3);
  }
}

/** The declared Content-Type as one of RELAY_TYPES (parameters and case ignored), or null. */
export function relayType(contentType: string | undefined): RelayType | null {
  const t = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return (RELAY_TYPES as readonly string[]).includes(t) ? (t as RelayType) : null;
}
