import path from 'node:path';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { mediaKindForExtension } from '../../shared/library.js';
import type { DraftContent } from '../../shared/api/publish-contract.js';
import type { PostMedia, PostPayload } from '../../shared/publish/post.js';
import { checkClientPath, type PathScope } from '../client-files.js';
import type { LibraryService } from '../library/service.js';
import { mimeFor } from '../library/media-path.js';
import { MAX_IMPORT_BYTES } from '../library/service.js';

/**
 * A draft's media as a post carries them: library assets with what the
 * library's probe found (size, dimensions, duration), or files named by path
 * (the CLI, CSV import) — a path inside the library is the asset it is, any
 * other file is described from its name and size (no decoding in main).
 */
export class PostMediaResolver {
  constructor(
    private readonly library: LibraryService,
    private readonly libraryRoot: string,
    private readonly scope: PathScope,
  ) {}

  async payload(content: DraftContent): Promise<PostPayload> {
    const media: PostMedia[] = [];
    for (const [i, m] of content.media.entries()) media.push(await this.one(m, `media.${i}`));
    return { text: content.text, ...(content.title !== undefined ? { title: content.title } : {}), media, options: content.options };
  }

  /** The post's library items are kept as scheduled media while it waits (see LibraryService.holdForPost). */
  holdForPost(payload: PostPayload): void {
    const files = payload.media.flatMap((m) => {
      const rel = path.relative(this.libraryRoot, m.path);
      return rel.startsWith('..') || path.isAbsolute(rel) ? [] : [rel.split(path.sep).join('/')];
    });
    this.library.holdForPost(files);
  }

  private async one(m: DraftContent['media'][number], field: string): Promise<PostMedia> {
    const alt = m.altText !== undefined ? { altText: m.altText } : {};
    if ('assetId' in m) {
      const asset = this.library.get(m.assetId);
      return this.fromAsset(asset, field, alt);
    }
    const checked = await checkClientPath(m.path, { scope: this.scope, maxBytes: MAX_IMPORT_BYTES }).catch((err: unknown) => {
      throw err instanceof StudioError ? new StudioError({ ...err.toInfo(), field }) : err;
    });
    const inLibrary = path.relative(this.libraryRoot, checked.path);
    if (!inLibrary.startsWith('..') && !path.isAbsolute(inLibrary)) {
      const asset = this.library.byFile(inLibrary.split(path.sep).join('/'));
      if (asset) return this.fromAsset(asset, field, alt);
    }
    const kind = mediaKindForExtension(path.extname(checked.path));
    if (kind !== 'image' && kind !== 'video') throw notMedia(path.basename(checked.path), field);
    return { path: checked.path, kind, mime: mimeFor(checked.path), bytes: checked.stat.size, width: null, height: null, durationSeconds: null, ...alt };
  }

  private fromAsset(asset: ReturnType<LibraryService['get']>, field: string, alt: { altText?: string }): PostMedia {
    if (asset.kind !== 'image' && asset.kind !== 'video') throw notMedia(asset.name, field);
    const file = path.join(this.libraryRoot, ...asset.file.split('/'));
    return {
      path: file,
      kind: asset.kind,
      mime: mimeFor(file),
      bytes: asset.bytes,
      width: asset.width,
      height: asset.height,
      durationSeconds: asset.durationSec,
      ...alt,
    };
  }
}

function notMedia(name: string, field: string): StudioError {
  return new StudioError({ code: 'UNSUPPORTED_TYPE', message: `"${name}" is not an image or a video.`, field, ...say('publish.outbox.notMedia', { name }) });
}
