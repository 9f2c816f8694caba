import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { CharacterView, VariantsRequest } from '../../shared/api/character-contract.js';
import { variantsEstimate } from '../../shared/creator/estimate.js';
import type { VariantsResult } from '../../shared/creator/jobs.js';
import { StudioError, type ErrorInfo } from '../../shared/errors.js';
import type { JobView } from '../../shared/jobs/model.js';
import { say } from '../../shared/messages.js';
import type { Estimate } from '../../shared/pricing.js';
import type { CreatorHubDeps } from '../creator-hub-deps.js';
import type { CharacterStore } from './store.js';
import type { LockedStyleResolver } from './styles.js';
import { variantChoiceReady } from './text-choice.js';

/**
 * The Pose & Variant Generator in main (issue 16): a run of N variants is
 * checked (references, the model can run now, the wallet can pay), priced
 * like the photo studio's image calls, given N pending rows and queued as one
 * `character.variants` job with the character's references and its locked
 * style. When the job ends its pictures are filled into the rows and added
 * to the media library; the user keeps or discards each.
 */
export class CharacterVariants {
  constructor(
    private readonly d: CreatorHubDeps,
    private readonly store: CharacterStore,
    private readonly lockedStyle: LockedStyleResolver,
    private readonly changed: (characterId: string) => CharacterView,
  ) {
    d.jobs.onSettled('character.variants', {
      onSuccess: (job, result) => this.settled(job, result as VariantsResult, null),
      onFailure: (job, error) => this.settled(job, null, error),
    });
  }

  estimate(choice: Pick<VariantsRequest, 'backend' | 'via' | 'count'>): Estimate {
    return variantsEstimate(choice);
  }

  async make(req: VariantsRequest): Promise<CharacterView> {
    const row = this.store.get(req.id);
    if (!row) throw new StudioError({ code: 'NOT_FOUND', message: `There is no character ${req.id}.`, ...say('character.notFound') });
    const references = this.store.references(req.id).flatMap((r) => {
      try {
        return [path.join(this.d.paths.library, this.d.library.get(r.asset_id).file)];
      } catch {
        return [];
      }
    });
    if (references.length === 0) {
      throw new StudioError({ code: 'BAD_INPUT', message: `${row.name} has no reference image yet.`, hint: 'Add a reference image to the character first.', ...say('character.noReferences', { name: row.name }) });
    }
    const estimate = this.estimate(req);
    await variantChoiceReady(this.d, req.backend, req.via, estimate.total);
    const style = row.style_id ? await this.lockedStyle(row.style_id) : null;
    const runId = randomUUID();
    const outDir = path.join(this.d.paths.library, 'characters', req.id, runId);
    const now = this.d.now();
    const ids = Array.from({ length: req.count }, () => randomUUID());
    this.d.store.transaction(() => {
      ids.forEach((id, slot) => this.store.insertVariant({ id, character_id: req.id, kind: req.kind, instruction: req.instruction, backend: req.backend, via: req.via, slot, created_at: now }));
    });
    try {
      const job = await this.d.jobs.enqueue(
        'character.variants',
        {
          name: row.name, look: row.look, kind: req.kind, instruction: req.instruction, references: references.slice(0, 4),
          ...(style ? { style } : {}), backend: req.backend, via: req.via, ...(req.workflow ? { workflow: req.workflow } : {}), count: req.count, outDir,
        },
        { estimatedCredits: estimate.total },
      );
      this.store.setJob(ids, job.id);
    } catch (err) {
      // Nothing was queued: the pending rows go, so a refusal leaves no trace.
      this.store.deleteVariants(ids);
      throw err;
    }
    return this.changed(req.id);
  }

  /** Inside the queue's settling transaction: the pictures (or the error) onto the rows, and into the library. */
  private settled(job: JobView, result: VariantsResult | null, error: ErrorInfo | null): void {
    const rows = this.store.variantsOfJob(job.id);
    if (rows.length === 0) return;
    for (const row of rows) {
      const made = result?.variants[row.slot];
      if (made) this.store.made(row.id, { file: made.path, prompt: made.prompt, model: result.model });
      else this.store.failed(row.id, JSON.stringify(error ?? { code: 'PROVIDER_FAILED', message: 'The model made fewer pictures than asked.' }));
    }
    const characterId = rows[0]!.character_id;
    this.addPictures(job.id, characterId);
    this.announce(characterId);
  }

  /**
   * The run's pictures as library items (referenced where the job wrote them), each row pointing at its asset. No
   * retention class: a variant is kept or discarded by the user, not by the calendar.
   */
  private addPictures(jobId: string, characterId: string): void {
    for (const row of this.store.variantsOfJob(jobId).filter((r) => r.status === 'ready' && r.file && !r.asset_id)) {
      const [asset] = this.d.library.addOutputs([row.file], { sourceJobId: jobId, projectId: characterId, origin: 'generated', retentionClass: null });
      if (asset) this.store.setAsset(row.id, asset.id);
    }
  }

  private announce(characterId: string): void {
    if (this.store.get(characterId)) this.changed(characterId);
  }
}
