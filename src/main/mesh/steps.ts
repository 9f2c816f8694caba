import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { MeshModelView, MeshPackRequest, MeshPrepareRequest } from '../../shared/api/mesh-contract.js';
import { StudioError, type ErrorInfo } from '../../shared/errors.js';
import type { JobView } from '../../shared/jobs/model.js';
import type { MeshPackResult, MeshPrepareResult } from '../../shared/mesh/jobs.js';
import { say } from '../../shared/messages.js';
import type { CreatorHubDeps } from '../creator-hub-deps.js';
import type { MeshModels } from './models.js';
import type { MeshStore } from './store.js';
import { selectedOf } from './views.js';

/** A file name from the model's name: any language, without the characters file systems refuse. */
export function fileStem(name: string): string {
  const printable = [...name].filter((ch) => ch.charCodeAt(0) >= 0x20).join('');
  const stem = printable.replace(/[\\/:*?"<>|]+/g, ' ').trim().replace(/\s+/g, '-').slice(0, 60);
  return stem === '' || /^\.+$/.test(stem) ? 'model' : stem;
}

/**
 * The steps after a candidate is chosen: preparation (`mesh.prepare`:
 * repair, simplify, scale, hollow, base; the print files with their sha256)
 * and the production pack (`mesh.pack`: the files, the PDF spec sheet and a
 * request for quotation per factory in one ZIP inside the library folder,
 * which the page downloads through the media route).
 */
export class MeshSteps {
  constructor(
    private readonly d: CreatorHubDeps,
    private readonly store: MeshStore,
    private readonly models: MeshModels,
  ) {
    d.jobs.onSettled('mesh.prepare', {
      onSuccess: (job, result) => this.prepared(job, result as MeshPrepareResult),
      onFailure: (job, error) => this.stepFailed('prepared', job, error),
    });
    d.jobs.onSettled('mesh.pack', {
      onSuccess: (job, result) => this.packed(job, result as MeshPackResult),
      onFailure: (job, error) => this.stepFailed('pack', job, error),
    });
  }

  async prepare(req: MeshPrepareRequest): Promise<MeshModelView> {
    const model = this.models.row(req.id);
    const candidates = this.store.candidates(model.id);
    const candidate = req.candidateId ? candidates.find((c) => c.id === req.candidateId) : selectedOf(model, candidates);
    if (!candidate) {
      if (req.candidateId) throw new StudioError({ code: 'NOT_FOUND', message: 'That candidate is not part of this model.', ...say('mesh.app.candidateNotFound') });
      throw new StudioError({ code: 'CONFLICT', message: 'No candidate of this model has been checked yet.', ...say('mesh.app.nothingChecked') });
    }
    if (candidate.status !== 'checked' || !candidate.make_json) {
      throw new StudioError({ code: 'CONFLICT', message: 'Only a checked candidate can be prepared.', ...say('mesh.app.candidateNotChecked') });
    }
    const input = (JSON.parse(candidate.make_json) as { path: string }).path;
    const id = randomUUID();
    const outDir = path.join(model.dir, `prepared-${id}`);
    const options = {
      ...(req.targetTriangles !== undefined ? { targetTriangles: req.targetTriangles } : {}),
      ...(req.hollowWallMm !== undefined ? { hollowWallMm: req.hollowWallMm } : {}),
      ...(req.baseMm !== undefined ? { baseMm: req.baseMm } : {}),
      formats: req.formats,
    };
    this.store.insertPrepared({ id, model_id: model.id, candidate_id: candidate.id, options_json: JSON.stringify(options), out_dir: outDir, created_at: this.d.now() });
    let job: JobView;
    try {
      job = await this.d.jobs.enqueue('mesh.prepare', {
        input, sizeMm: model.size_mm, process: model.process, ...options, outDir, name: fileStem(model.name), previewOut: path.join(outDir, 'preview.glb'),
      });
    } catch (err) {
      this.store.deletePrepared(id);
      throw err;
    }
    this.store.setPreparedJob(id, job.id);
    this.store.touch(model.id, this.d.now());
    this.d.events.emit('mesh.updated', { id: model.id });
    return this.models.get(model.id);
  }

  async pack(req: MeshPackRequest): Promise<MeshModelView> {
    const model = this.models.row(req.id);
    const all = this.store.preparedOf(model.id).filter((p) => p.status === 'succeeded' && p.files_json);
    const prepared = req.preparedId ? all.find((p) => p.id === req.preparedId) : all[0];
    if (!prepared) throw new StudioError({ code: 'CONFLICT', message: 'Prepare the model for printing first.', ...say('mesh.app.notPrepared') });
    const files = (JSON.parse(prepared.files_json!) as MeshPrepareResult['files']).map((f) => ({ format: f.format, path: f.path }));
    const id = randomUUID();
    const out = path.join(model.dir, `pack-${id}`, `${fileStem(model.name)}-production-pack.zip`);
    this.store.insertPack({
      id, model_id: model.id, prepared_id: prepared.id, language: req.language, quantity: req.quantity,
      factories_json: JSON.stringify(req.factories), path: out, created_at: this.d.now(),
    });
    let job: JobView;
    try {
      job = await this.d.jobs.enqueue('mesh.pack', {
        files, name: model.name, process: model.process, quantity: req.quantity, language: req.language, factories: req.factories, out,
      });
    } catch (err) {
      this.store.deletePack(id);
      throw err;
    }
    this.store.setPackJob(id, job.id);
    this.store.touch(model.id, this.d.now());
    this.d.events.emit('mesh.updated', { id: model.id });
    return this.models.get(model.id);
  }

  private prepared(job: JobView, result: MeshPrepareResult): void {
    const row = this.store.preparedByJob(job.id);
    if (!row) return;
    this.store.preparedDone(row.id, { files: result.files, before: result.before, after: result.after, material: result.material, preview: result.previewPath }, this.d.now());
    this.store.touch(row.model_id, this.d.now());
  }

  private packed(job: JobView, result: MeshPackResult): void {
    const row = this.store.packByJob(job.id);
    if (!row) return;
    this.store.packDone(row.id, { path: result.path, bytes: result.bytes, entries: result.entries }, this.d.now());
    this.store.touch(row.model_id, this.d.now());
  }

  private stepFailed(step: 'prepared' | 'pack', job: JobView, error: ErrorInfo): void {
    const status = job.status === 'canceled' ? 'canceled' : 'failed';
    const row = step === 'prepared' ? this.store.preparedByJob(job.id) : this.store.packByJob(job.id);
    if (!row) return;
    if (step === 'prepared') this.store.preparedFailed(row.id, status, error, this.d.now());
    else this.store.packFailed(row.id, status, error, this.d.now());
    this.store.touch(row.model_id, this.d.now());
  }
}
