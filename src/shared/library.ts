import type { MediaKind } from './jobs/kinds.js';
import type { ErrorInfo } from './errors.js';

export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'gif', 'avif', 'tif', 'tiff', 'bmp', 'heic', 'heif'] as const;
export const VIDEO_EXTENSIONS = ['mp4', 'mov', 'm4v', 'webm', 'mkv', 'avi'] as const;
export const AUDIO_EXTENSIONS = ['mp3', 'wav', 'm4a', 'aac', 'ogg', 'oga', 'flac', 'opus'] as const;

/** The media kind an extension claims, or null when the studio does not take such files. */
export function mediaKindForExtension(ext: string): MediaKind | null {
  const e = ext.toLowerCase().replace(/^\./, '');
  if ((IMAGE_EXTENSIONS as readonly string[]).includes(e)) return 'image';
  if ((VIDEO_EXTENSIONS as readonly string[]).includes(e)) return 'video';
  if ((AUDIO_EXTENSIONS as readonly string[]).includes(e)) return 'audio';
  return null;
}

export type AssetStatus = 'processing' | 'ready';

/** Where a library item came from: the user's own import, a generator's output, or a batch run's output. */
export const ASSET_ORIGINS = ['import', 'generated', 'batch'] as const;
export type AssetOrigin = (typeof ASSET_ORIGINS)[number];

/**
 * The retention policy an item falls under: a `settings.retentionDays` key, or
 * 'temp' (intermediate files, cleaned every 6 hours). An item with none is
 * kept until the user deletes it; a starred item is never cleaned up.
 */
export const RETENTION_CLASSES = ['shortVideo', 'socialImage', 'blogImage', 'scheduledMedia', 'temp'] as const;
export type RetentionClass = (typeof RETENTION_CLASSES)[number];

export interface AssetView {
  id: string;
  hash: string;
  kind: MediaKind;
  name: string;
  ext: string;
  bytes: number;
  width: number | null;
  height: number | null;
  durationSec: number | null;
  codecs: string[];
  format: string | null;
  status: AssetStatus;
  /** Path of the file inside the library folder, '/'-separated. */
  file: string;
  /** Path of the thumbnail inside the library folder, or null while it is made (audio has none). */
  thumb: string | null;
  starred: boolean;
  createdAt: number;
  origin: AssetOrigin;
  /** The job that made it (null for imports). */
  sourceJobId: string | null;
  /** The project, batch run or other owner it belongs to, if any. */
  projectId: string | null;
  retentionClass: RetentionClass | null;
}

export const ASSET_SORTS = ['newest', 'oldest', 'name', 'size'] as const;
export type AssetSort = (typeof ASSET_SORTS)[number];

export interface AssetPage {
  items: AssetView[];
  total: number;
}

export interface ImportOutcome {
  path: string;
  /** 'added': new file, probing queued; 'duplicate': identical file already in the library. */
  status: 'added' | 'duplicate' | 'rejected';
  assetId?: string;
  jobId?: string;
  error?: ErrorInfo;
}

export interface LibraryStats {
  count: number;
  bytes: number;
  byKind: Record<MediaKind, number>;
}
