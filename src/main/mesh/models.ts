import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MeshBackendChoice, MeshMakeRequest, MeshModelSummary, MeshModelView } from '../../shared/api/mesh-contract.js';
import { StudioError, type ErrorInfo } from '../../shared/errors.js';
import type { JobView } from '../../shared/jobs/model.js';
import { IMAGE_EXTENSIONS } from '../../shared/library.js';
import type { MeshCheckResult, MeshMakeResult } from '../../shared/mesh/jobs.js';
import { say } from '../../shared/messages.js';
import { checkClientPath, type PathScope } from '../client-files.js';
import type { CreatorHubDeps } from '../creator-hub-deps.js';
import { estimateOf, isLocalMeshBackend, normalised, requireUsable } from './backends.js';
import type { CandidateRow, MeshStore, ModelRow } from './store.js';
import { modelSummary, modelView } from './views.js';

const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

export function notFound(): StudioError {
  return new StudioError({ code: 'NOT_FOUND', message: 'That 3D model is no longer here.', ...say('mesh.app.modelNotFound') });
}

/**
 * Models and their candidates: a make queues one `mesh.make` per backend;
 * each candidate that is made is checked (`mesh.check`, with the decimated
 * preview and its problem overlay) in the same transaction that records it,
 * so a made candidate is never left unchecked. The best score is selected
 * unless the user chooses another. Every change is announced as
 * `mesh.updated` with the model's id.
 */
export class MeshModels {
  constructor(
    private readonly d: CreatorHubDeps,
    private readonly store: MeshStore,
  ) {
    d.jobs.onSettled('mesh.make', {
      onSuccess: (job, result) => this.made(job, result as MeshMakeResult),
      onFailure: (job, error) => this.failed(this.store.candidateByMake(job.id), job, error),
    });
    d.jobs.onSettled('mesh.check', {
      onSuccess: (job, result) => this.checked(job, result as MeshCheckResult),
      onFailure: (job, error) => this.failed(this.store.candidateByCheck(job.id), job, error),
    });
    d.events.on('job.updated', (job) => {
      if (!job.kind.startsWith('mesh.')) return;
      const modelId = this.modelOfJob(job.id);
      if (modelId) d.events.emit('mesh.updated', { id: modelId });
    });
    // A candidate made while main stopped before its check was queued gets its check now.
    for (const c of store.uncheckedMade()) this.queueCheck(c);
  }

  async make(req: MeshMakeRequest, scope: PathScope): Promise<MeshModelView> {
    const choices = req.backends.map(normalised);
    const seen = new Set<string>();
    for (const c of choices) {
      const key = `${c.backend}/${c.via}`;
      if (seen.has(key)) {
        throw new StudioError({ code: 'BAD_INPUT', field: 'backends', message: `${c.backend} is chosen twice.`, ...say('mesh.app.backendTwice', { backend: c.backend }) });
      }
      seen.add(key);
    }
    await requireUsable(this.d.availability, choices);
    const source = await this.sourceImage(req.image, scope);
    const credits = estimateOf(choices.filter((c) => c.via === 'cloud' && !isLocalMeshBackend(c.backend))).total;
    if (credits > 0) await this.d.cloud.preflight(credits, []);

    const id = randomUUID();
    const dir = path.join(this.d.paths.outputs, 'mesh', id);
    await fs.promises.mkdir(dir, { recursive: true });
    // The backends read a copy inside the model's folder: the page shows it, and it outlives the upload or the library item.
    const image = path.join(dir, `source${path.extname(source.file).toLowerCase()}`);
    await fs.promises.copyFile(source.file, image);
    const now = this.d.now();
    const name = req.name ?? path.basename(source.file, path.extname(source.file)).slice(0, 80);
    this.store.insertModel({
      id, name, character_id: req.characterId ?? null, source_kind: source.kind, source: source.value, image_path: image,
      size_mm: req.sizeMm, process: req.process, dir, created_at: now,
    });
    try {
      for (const choice of choices) await this.startCandidate(id, dir, image, choice, req.workflow);
    } catch (err) {
      // A refusal of the first job leaves nothing behind; a later one leaves the candidates already queued.
      if (this.store.candidates(id).length === 0) {
        this.store.deleteModel(id);
        await fs.promises.rm(dir, { recursive: true, force: true });
      }
      throw err;
    }
    this.d.events.emit('mesh.updated', { id });
    return this.get(id);
  }

  list(filter: { characterId?: string | undefined; limit: number }): MeshModelSummary[] {
    return this.store.models(filter.characterId ?? null, filter.limit).map((m) => modelSummary(m, this.store.candidates(m.id), this.d.paths.library));
  }

  get(id: string): MeshModelView {
    const model = this.row(id);
    return modelView(
      model,
      { candidates: this.store.candidates(id), prepared: this.store.preparedOf(id), packs: this.store.packsOf(id), quotes: this.store.quotesOf(id) },
      this.d.paths.library,
    );
  }

  row(id: string): ModelRow {
    const row = this.store.model(id);
    if (!row) throw notFound();
    return row;
  }

  choose(id: string, candidateId: string): MeshModelView {
    this.row(id);
    const candidate = this.store.candidate(candidateId);
    if (!candidate || candidate.model_id !== id) {
      throw new StudioError({ code: 'NOT_FOUND', message: 'That candidate is not part of this model.', ...say('mesh.app.candidateNotFound') });
    }
    if (candidate.status !== 'checked') {
      throw new StudioError({ code: 'CONFLICT', message: 'Only a checked candidate can be chosen.', ...say('mesh.app.candidateNotChecked') });
    }
    this.store.choose(id, candidateId, this.d.now());
    this.d.events.emit('mesh.updated', { id });
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    const model = this.row(id);
    for (const c of this.store.candidates(id)) {
      for (const job of [c.make_job_id, c.check_job_id]) if (job) await this.d.jobs.cancel(job).catch(() => undefined);
    }
    this.store.deleteModel(id);
    await fs.promises.rm(model.dir, { recursive: true, force: true });
    this.d.events.emit('mesh.updated', { id });
  }

  private async sourceImage(image: MeshMakeRequest['image'], scope: PathScope): Promise<{ kind: 'asset' | 'path'; value: string; file: string }> {
    if ('asset' in image) {
      const asset = this.d.library.get(image.asset);
      if (asset.kind !== 'image') throw notAnImage(asset.name);
      return { kind: 'asset', value: asset.id, file: path.join(this.d.paths.library, ...asset.file.split('/')) };
    }
    const checked = await checkClientPath(image.path, { scope, maxBytes: MAX_IMAGE_BYTES });
    const ext = path.extname(checked.path).slice(1).toLowerCase();
    if (!(IMAGE_EXTENSIONS as readonly string[]).includes(ext)) throw notAnImage(path.basename(checked.path));
    return { kind: 'path', value: checked.path, file: checked.path };
  }

  private async startCandidate(modelId: string, dir: string, image: string, choice: MeshBackendChoice, workflow: string | undefined): Promise<void> {
    const id = randomUUID();
    const candDir = path.join(dir, id);
    await fs.promises.mkdir(candDir, { recursive: true });
    const glb = path.join(candDir, 'model.glb');
    const credits = estimateOf([choice]).total;
    this.store.insertCandidate({ id, model_id: modelId, backend: choice.backend, via: choice.via, estimated_credits: credits, glb_path: glb, created_at: this.d.now() });
    let job: JobView;
    try {
      job = await this.d.jobs.enqueue(
        'mesh.make',
        { image, backend: choice.backend, via: choice.via, ...(choice.backend === 'comfyui' && workflow ? { workflow } : {}), out: glb },
        { estimatedCredits: credits },
      );
    } catch (err) {
      this.store.deleteCandidate(id);
      throw err;
    }
    this.store.setMakeJob(id, job.id);
  }

  /** In the make's settling transaction: the result onto the candidate, and its check queued. */
  private made(job: JobView, result: MeshMakeResult): void {
    const c = this.store.candidateByMake(job.id);
    if (!c || !this.store.made(c.id, result)) return;
    this.queueCheck({ ...c, make_json: JSON.stringify(result) });
  }

  private queueCheck(c: CandidateRow): void {
    const model = this.store.model(c.model_id);
    if (!model || !c.make_json) return;
    const made = JSON.parse(c.make_json) as MeshMakeResult;
    const check = this.d.jobs.enqueueNow('mesh.check', {
      input: made.path,
      sizeMm: model.size_mm,
      process: model.process,
      previewOut: path.join(path.dirname(c.glb_path), 'preview.glb'),
    });
    this.store.setCheckJob(c.id, check.id);
  }

  private checked(job: JobView, result: MeshCheckResult): void {
    const c = this.store.candidateByCheck(job.id);
    if (!c) return;
    this.store.checked(c.id, { report: result.report, material: result.material, score: result.report.score, preview: result.previewPath }, this.d.now());
    this.settleModel(c.model_id);
  }

  private failed(c: CandidateRow | undefined, job: JobView, error: ErrorInfo): void {
    if (!c) return;
    this.store.candidateFailed(c.id, job.status === 'canceled' ? 'canceled' : 'failed', error, this.d.now());
    this.settleModel(c.model_id);
  }

  /** A model is ready once every candidate has finished and one is checked; failed when none could be. */
  private settleModel(modelId: string): void {
    const rows = this.store.candidates(modelId);
    if (rows.some((r) => r.status === 'making' || r.status === 'checking')) {
      this.store.touch(modelId, this.d.now());
      return;
    }
    this.store.setModelStatus(modelId, rows.some((r) => r.status === 'checked') ? 'ready' : 'failed', this.d.now());
  }

  private modelOfJob(jobId: string): string | null {
    const c = this.store.candidateByMake(jobId) ?? this.store.candidateByCheck(jobId);
    if (c) return c.model_id;
    return this.store.preparedByJob(jobId)?.model_id ?? this.store.packByJob(jobId)?.model_id ?? null;
  }
}

function notAnImage(name: string): StudioError {
  return new StudioError({ code: 'UNSUPPORTED_TYPE', field: 'image', message: `"${name}" is not a picture.`, ...say('mesh.app.notAnImage', { name }) });
}
