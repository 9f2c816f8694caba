import { create } from 'zustand';
import type { DraftContent } from '../../shared/api/publish-contract.js';
import type { AssetView } from '../../shared/library.js';
import type { OutboxPostView, PostMedia } from '../../shared/publish/post.js';

/**
 * The Composer's media: what it sends (a library id or a file path main
 * resolves) and what the renderer knows of the file to check the platforms'
 * rules live (main fills in the rest; its check is the one that counts).
 */
export interface ComposerMedia {
  key: string;
  source: DraftContent['media'][number];
  name: string;
  /** The file or thumbnail to show, inside the library folder. */
  showFile: string | null;
  /** For the live check: size, format, aspect and length as far as they are known here. */
  probe: PostMedia;
}

const MIME_BY_EXT: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
};

const extOf = (file: string): string => (/\.([a-z0-9]+)$/i.exec(file)?.[1] ?? '').toLowerCase();

export function mimeOfExt(ext: string, kind: 'image' | 'video'): string {
  return MIME_BY_EXT[ext.toLowerCase()] ?? `${kind}/${ext.toLowerCase()}`;
}

export function mediaFromAsset(asset: AssetView): ComposerMedia | null {
  if (asset.kind !== 'image' && asset.kind !== 'video') return null;
  return {
    key: `asset:${asset.id}`,
    source: { assetId: asset.id },
    name: asset.name,
    showFile: asset.kind === 'image' ? asset.file : asset.thumb,
    probe: { path: asset.file, kind: asset.kind, mime: mimeOfExt(asset.ext, asset.kind), bytes: asset.bytes, width: asset.width, height: asset.height, durationSeconds: asset.durationSec },
  };
}

/** A file a generator wrote (Social's image): its size and shape are known only to main. */
export function mediaFromFile(path: string): ComposerMedia {
  const ext = extOf(path);
  const kind = MIME_BY_EXT[ext]?.startsWith('video/') ? 'video' : 'image';
  return {
    key: `path:${path}`,
    source: { path },
    name: path.split(/[\\/]/).pop() ?? path,
    showFile: kind === 'image' ? path : null,
    probe: { path, kind, mime: mimeOfExt(ext, kind), bytes: 0, width: null, height: null, durationSeconds: null },
  };
}

/** A saved post's media, as the outbox holds it (to edit a failed or scheduled post). */
export function mediaFromPost(media: PostMedia): ComposerMedia {
  return {
    key: `path:${media.path}`,
    source: media.altText ? { path: media.path, altText: media.altText } : { path: media.path },
    name: media.path.split(/[\\/]/).pop() ?? media.path,
    showFile: media.kind === 'image' ? media.path : null,
    probe: media,
  };
}

/** What the Composer opens with: a caption and image from Social, or a saved post to edit. */
export interface ComposerSeed {
  text?: string;
  media?: ComposerMedia[];
  accountIds?: string[];
  scheduledAt?: number | null;
  editing?: OutboxPostView;
}

interface ComposerState {
  seed: ComposerSeed | null;
  /** Bumped on each open so the dialog starts fresh. */
  session: number;
  openComposer(seed?: ComposerSeed): void;
  close(): void;
}

export const useComposerStore = create<ComposerState>((set, get) => ({
  seed: null,
  session: 0,
  openComposer(seed = {}) {
    set({ seed, session: get().session + 1 });
  },
  close() {
    set({ seed: null });
  },
}));
