import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ComposeJobResult } from '../../shared/jobs/kinds.js';
import type { TimelineInput } from '../../shared/timeline.js';

/**
 * A composed video's file name, by what it is made of: a re-render with
 * changes is a new file and so a new media URL, and no cache (the
 * browser's, Electron's) can keep showing the previous cut.
 */
export function cutFileName(slug: string, timeline: TimelineInput): string {
  return `${slug}-${createHash('sha256').update(JSON.stringify(timeline)).digest('hex').slice(0, 12)}.mp4`;
}

/** Removes the earlier cuts (video, poster, subtitles) in a project's video folder, keeping `kept` and the files in `starred`. Best effort. */
export function removeEarlierCuts(dir: string, kept: ComposeJobResult, starred: string[] = []): void {
  const keep = new Set([kept.output, kept.poster, kept.srt, ...starred].filter((f): f is string => f !== null).map((f) => path.basename(f)));
  void fs.promises
    .readdir(dir, { withFileTypes: true })
    .then((entries) =>
      Promise.all(entries.filter((e) => e.isFile() && /\.(mp4|jpg|srt)$/.test(e.name) && !keep.has(e.name)).map((e) => fs.promises.rm(path.join(dir, e.name), { force: true }))),
    )
    .catch(() => undefined); // a leftover file is only disk space
}
