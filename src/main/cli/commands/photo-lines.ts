import fs from 'node:fs';
import path from 'node:path';
import type { PhotoRunView, PhotoUploadView } from '../../../shared/api/photo-contract.js';
import { toErrorInfo, type ErrorInfo } from '../../../shared/errors.js';
import type { PhotoCheckResult, PhotoProblem } from '../../../shared/photo/check.js';
import { photoText, problemLine, type PhotoServiceTextKey } from '../../../shared/photo/service-text.js';
import type { Estimate } from '../../../shared/pricing.js';
import type { Language } from '../../../shared/settings.js';
import { blockingProblems } from '../../photo/requests.js';
import type { CliIo } from '../context.js';
import { localisedError } from '../error-lines.js';

/** What `kingjam photo` prints, in the studio's language (src/shared/photo/service-text.ts). */
export class PhotoLines {
  constructor(
    private readonly language: Language,
    private readonly io: CliIo,
    private readonly json: boolean,
  ) {}

  say(key: PhotoServiceTextKey, params: Record<string, string | number> = {}): string {
    return photoText(this.language, key, params);
  }

  /** A note for people (stderr, so stdout stays the result); left out with --json. */
  note(key: PhotoServiceTextKey, params: Record<string, string | number> = {}): void {
    if (!this.json) this.io.err(this.say(key, params));
  }

  /** Each photo's check: a line for one that is fine, and every problem with how to retake it for one that is not. Returns whether all are fine. */
  checks(tool: 'fuse' | 'makeover' | 'repair', uploads: PhotoUploadView[]): boolean {
    let ok = true;
    for (const u of uploads) {
      if (u.error) {
        ok = false;
        this.note('photo.cli.checkError', { name: u.name, detail: this.errorText(u.error) });
        continue;
      }
      const check: PhotoCheckResult = { ok: u.status === 'passed', normalised: '', width: u.width ?? 0, height: u.height ?? 0, bytes: 0, faces: u.faces, sharpness: u.sharpness ?? 0, issues: u.issues };
      const blocking: PhotoProblem[] = blockingProblems(tool, check);
      if (blocking.length === 0) {
        this.note('photo.cli.checkPassed', { name: u.name, width: check.width, height: check.height });
        continue;
      }
      ok = false;
      this.note('photo.cli.checkFailed', { name: u.name });
      if (!this.json) for (const p of blocking) this.io.err(problemLine(this.language, p));
    }
    return ok;
  }

  cost(estimate: Estimate): void {
    if (estimate.total === 0) this.note('photo.cli.costFree');
    else this.note('photo.cli.costCredits', { credits: estimate.total });
  }

  /** The files of a finished run (copied into `outDir` when given), one line each on stdout; returns their paths. */
  results(run: PhotoRunView, library: string, outDir: string | undefined): string[] {
    const files: string[] = [];
    const place = (rel: string, name: string) => {
      const from = path.isAbsolute(rel) ? rel : path.join(library, rel);
      if (!outDir) return from;
      fs.mkdirSync(outDir, { recursive: true });
      const to = path.join(outDir, name);
      fs.copyFileSync(from, to);
      return to;
    };
    for (const v of run.variants) {
      const file = place(v.file, `${run.kind}-${v.seed}${path.extname(v.file)}`);
      files.push(file);
      this.out('photo.cli.variantLine', { seed: v.seed, file, width: v.width, height: v.height, faces: v.facesFound, draft: v.draft ? this.say('photo.cli.draft') : '' });
    }
    for (const f of run.failures) this.out('photo.cli.variantFailed', { seed: f.seed, reason: f.key });
    if (run.repair) {
      const file = place(run.repair.after, `repaired${path.extname(run.repair.after)}`);
      files.push(file);
      this.out('photo.cli.repaired', { file });
    }
    if (run.motion) {
      const clip = place(run.motion.clip, `motion${path.extname(run.motion.clip)}`);
      files.push(clip);
      this.out('photo.cli.clip', { file: clip, seconds: run.motion.durationSec });
      if (run.motion.livePhoto) {
        const jpeg = place(run.motion.livePhoto.jpeg, `live${path.extname(run.motion.livePhoto.jpeg)}`);
        const mov = place(run.motion.livePhoto.mov, `live${path.extname(run.motion.livePhoto.mov)}`);
        files.push(jpeg, mov);
        this.out('photo.cli.livePhoto', { jpeg, mov });
      }
    }
    return files;
  }

  /** A failure in the user's language where main has its text (src/main/cli/error-lines.ts), else its English message. */
  failure(err: unknown): void {
    const { message, hint } = localisedError(toErrorInfo(err), this.language);
    this.io.err(this.say('photo.cli.failed', { detail: message }));
    if (hint) this.io.err(this.say('photo.cli.failedHint', { hint }));
  }

  private errorText(info: ErrorInfo): string {
    return localisedError(info, this.language).message;
  }

  private out(key: PhotoServiceTextKey, params: Record<string, string | number>): void {
    if (!this.json) this.io.out(this.say(key, params));
  }
}
