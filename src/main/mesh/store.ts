import type BetterSqlite3 from 'better-sqlite3';
import type { MeshCandidateStatus, MeshLanguage, MeshModelStatus, MeshStepStatus } from '../../shared/api/mesh-contract.js';
import type { MeshBackend, MeshVia } from '../../shared/mesh/backends.js';
import type { PrintProcess } from '../../shared/mesh/processes.js';
import type { Store } from '../store/db.js';

/** The 3D builder's rows (migration 14) as prepared statements. */
export interface ModelRow {
  id: string;
  name: string;
  character_id: string | null;
  source_kind: 'asset' | 'path';
  source: string;
  image_path: string;
  size_mm: number;
  process: PrintProcess;
  status: MeshModelStatus;
  chosen_candidate: string | null;
  dir: string;
  created_at: number;
  updated_at: number;
}

export interface CandidateRow {
  id: string;
  model_id: string;
  backend: MeshBackend;
  via: MeshVia;
  status: MeshCandidateStatus;
  make_job_id: string | null;
  check_job_id: string | null;
  estimated_credits: number;
  glb_path: string;
  make_json: string | null;
  report_json: string | null;
  material_json: string | null;
  score: number | null;
  preview_path: string | null;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface PreparedRow {
  id: string;
  model_id: string;
  candidate_id: string;
  job_id: string | null;
  status: MeshStepStatus;
  options_json: string;
  files_json: string | null;
  before_json: string | null;
  after_json: string | null;
  material_json: string | null;
  preview_path: string | null;
  error: string | null;
  out_dir: string;
  created_at: number;
  finished_at: number | null;
}

export interface PackRow {
  id: string;
  model_id: string;
  prepared_id: string;
  job_id: string | null;
  status: MeshStepStatus;
  language: MeshLanguage;
  quantity: number;
  factories_json: string;
  path: string;
  bytes: number | null;
  entries_json: string | null;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface QuoteRow {
  id: string;
  model_id: string;
  factory: string;
  currency: string;
  unit_price: number;
  moq: number;
  lead_days: number;
  notes: string;
  received_at: number;
  created_at: number;
}

type Stmt = BetterSqlite3.Statement;

export class MeshStore {
  private readonly s: Record<string, Stmt>;

  constructor(readonly store: Store) {
    const db = store.sqlite;
    this.s = {
      insertModel: db.prepare(
        `INSERT INTO mesh_models (id, name, character_id, source_kind, source, image_path, size_mm, process, status, dir, created_at, updated_at)
         VALUES (@id, @name, @character_id, @source_kind, @source, @image_path, @size_mm, @process, 'making', @dir, @created_at, @created_at)`,
      ),
      model: db.prepare('SELECT * FROM mesh_models WHERE id = ?'),
      models: db.prepare(
        `SELECT * FROM mesh_models WHERE (@character IS NULL OR character_id = @character) ORDER BY updated_at DESC, id DESC LIMIT @limit`,
      ),
      deleteModel: db.prepare('DELETE FROM mesh_models WHERE id = ?'),
      modelStatus: db.prepare('UPDATE mesh_models SET status = @status, updated_at = @now WHERE id = @id'),
      choose: db.prepare('UPDATE mesh_models SET chosen_candidate = @candidate, updated_at = @now WHERE id = @id'),
      touch: db.prepare('UPDATE mesh_models SET updated_at = @now WHERE id = @id'),

      insertCandidate: db.prepare(
        `INSERT INTO mesh_candidates (id, model_id, backend, via, status, estimated_credits, glb_path, created_at)
         VALUES (@id, @model_id, @backend, @via, 'making', @estimated_credits, @glb_path, @created_at)`,
      ),
      candidate: db.prepare('SELECT * FROM mesh_candidates WHERE id = ?'),
      candidates: db.prepare('SELECT * FROM mesh_candidates WHERE model_id = ? ORDER BY created_at, id'),
      candidateByMake: db.prepare('SELECT * FROM mesh_candidates WHERE make_job_id = ?'),
      candidateByCheck: db.prepare('SELECT * FROM mesh_candidates WHERE check_job_id = ?'),
      setMakeJob: db.prepare('UPDATE mesh_candidates SET make_job_id = ? WHERE id = ?'),
      made: db.prepare(`UPDATE mesh_candidates SET status = 'checking', make_json = @make WHERE id = @id AND status = 'making'`),
      setCheckJob: db.prepare('UPDATE mesh_candidates SET check_job_id = ? WHERE id = ?'),
      checked: db.prepare(
        `UPDATE mesh_candidates SET status = 'checked', report_json = @report, material_json = @material, score = @score, preview_path = @preview, finished_at = @now
         WHERE id = @id`,
      ),
      candidateFailed: db.prepare('UPDATE mesh_candidates SET status = @status, error = @error, finished_at = @now WHERE id = @id'),
      deleteCandidate: db.prepare('DELETE FROM mesh_candidates WHERE id = ?'),
      uncheckedMade: db.prepare(`SELECT * FROM mesh_candidates WHERE status = 'checking' AND check_job_id IS NULL`),

      insertPrepared: db.prepare(
        `INSERT INTO mesh_prepared (id, model_id, candidate_id, status, options_json, out_dir, created_at)
         VALUES (@id, @model_id, @candidate_id, 'running', @options_json, @out_dir, @created_at)`,
      ),
      prepared: db.prepare('SELECT * FROM mesh_prepared WHERE id = ?'),
      preparedOf: db.prepare('SELECT * FROM mesh_prepared WHERE model_id = ? ORDER BY created_at DESC, id DESC'),
      preparedByJob: db.prepare('SELECT * FROM mesh_prepared WHERE job_id = ?'),
      setPreparedJob: db.prepare('UPDATE mesh_prepared SET job_id = ? WHERE id = ?'),
      preparedDone: db.prepare(
        `UPDATE mesh_prepared SET status = 'succeeded', files_json = @files, before_json = @before, after_json = @after, material_json = @material,
           preview_path = @preview, finished_at = @now WHERE id = @id`,
      ),
      preparedFailed: db.prepare('UPDATE mesh_prepared SET status = @status, error = @error, finished_at = @now WHERE id = @id'),
      deletePrepared: db.prepare('DELETE FROM mesh_prepared WHERE id = ?'),

      insertPack: db.prepare(
        `INSERT INTO mesh_packs (id, model_id, prepared_id, status, language, quantity, factories_json, path, created_at)
         VALUES (@id, @model_id, @prepared_id, 'running', @language, @quantity, @factories_json, @path, @created_at)`,
      ),
      packsOf: db.prepare('SELECT * FROM mesh_packs WHERE model_id = ? ORDER BY created_at DESC, id DESC'),
      packByJob: db.prepare('SELECT * FROM mesh_packs WHERE job_id = ?'),
      setPackJob: db.prepare('UPDATE mesh_packs SET job_id = ? WHERE id = ?'),
      packDone: db.prepare(`UPDATE mesh_packs SET status = 'succeeded', path = @path, bytes = @bytes, entries_json = @entries, finished_at = @now WHERE id = @id`),
      packFailed: db.prepare('UPDATE mesh_packs SET status = @status, error = @error, finished_at = @now WHERE id = @id'),
      deletePack: db.prepare('DELETE FROM mesh_packs WHERE id = ?'),

      insertQuote: db.prepare(
        `INSERT INTO mesh_quotes (id, model_id, factory, currency, unit_price, moq, lead_days, notes, received_at, created_at)
         VALUES (@id, @model_id, @factory, @currency, @unit_price, @moq, @lead_days, @notes, @received_at, @created_at)`,
      ),
      quote: db.prepare('SELECT * FROM mesh_quotes WHERE id = ?'),
      quotesOf: db.prepare('SELECT * FROM mesh_quotes WHERE model_id = ? ORDER BY received_at DESC, id'),
      updateQuote: db.prepare(
        `UPDATE mesh_quotes SET factory = @factory, currency = @currency, unit_price = @unit_price, moq = @moq, lead_days = @lead_days, notes = @notes,
           received_at = @received_at WHERE id = @id`,
      ),
      deleteQuote: db.prepare('DELETE FROM mesh_quotes WHERE id = ?'),
    };
  }

  private get<T>(name: string, ...args: unknown[]): T | undefined {
    return this.s[name]!.get(...args) as T | undefined;
  }

  private all<T>(name: string, ...args: unknown[]): T[] {
    return this.s[name]!.all(...args) as T[];
  }

  private run(name: string, ...args: unknown[]): number {
    return this.s[name]!.run(...args).changes;
  }

  insertModel(row: Omit<ModelRow, 'status' | 'chosen_candidate' | 'updated_at'>): void {
    this.run('insertModel', row);
  }
  model(id: string): ModelRow | undefined {
    return this.get('model', id);
  }
  models(character: string | null, limit: number): ModelRow[] {
    return this.all('models', { character, limit });
  }
  deleteModel(id: string): void {
    this.run('deleteModel', id);
  }
  setModelStatus(id: string, status: MeshModelStatus, now: number): void {
    this.run('modelStatus', { id, status, now });
  }
  choose(id: string, candidate: string | null, now: number): void {
    this.run('choose', { id, candidate, now });
  }
  touch(id: string, now: number): void {
    this.run('touch', { id, now });
  }

  insertCandidate(row: Pick<CandidateRow, 'id' | 'model_id' | 'backend' | 'via' | 'estimated_credits' | 'glb_path' | 'created_at'>): void {
    this.run('insertCandidate', row);
  }
  candidate(id: string): CandidateRow | undefined {
    return this.get('candidate', id);
  }
  candidates(modelId: string): CandidateRow[] {
    return this.all('candidates', modelId);
  }
  candidateByMake(jobId: string): CandidateRow | undefined {
    return this.get('candidateByMake', jobId);
  }
  candidateByCheck(jobId: string): CandidateRow | undefined {
    return this.get('candidateByCheck', jobId);
  }
  setMakeJob(id: string, jobId: string): void {
    this.run('setMakeJob', jobId, id);
  }
  made(id: string, make: unknown): boolean {
    return this.run('made', { id, make: JSON.stringify(make) }) === 1;
  }
  setCheckJob(id: string, jobId: string): void {
    this.run('setCheckJob', jobId, id);
  }
  checked(id: string, v: { report: unknown; material: unknown; score: number; preview: string | null }, now: number): void {
    this.run('checked', { id, report: JSON.stringify(v.report), material: JSON.stringify(v.material), score: v.score, preview: v.preview, now });
  }
  candidateFailed(id: string, status: 'failed' | 'canceled', error: unknown, now: number): void {
    this.run('candidateFailed', { id, status, error: JSON.stringify(error), now });
  }
  deleteCandidate(id: string): void {
    this.run('deleteCandidate', id);
  }
  /** Candidates made but whose check was never queued (main stopped in between). */
  uncheckedMade(): CandidateRow[] {
    return this.all('uncheckedMade');
  }

  insertPrepared(row: Pick<PreparedRow, 'id' | 'model_id' | 'candidate_id' | 'options_json' | 'out_dir' | 'created_at'>): void {
    this.run('insertPrepared', row);
  }
  prepared(id: string): PreparedRow | undefined {
    return this.get('prepared', id);
  }
  preparedOf(modelId: string): PreparedRow[] {
    return this.all('preparedOf', modelId);
  }
  preparedByJob(jobId: string): PreparedRow | undefined {
    return this.get('preparedByJob', jobId);
  }
  setPreparedJob(id: string, jobId: string): void {
    this.run('setPreparedJob', jobId, id);
  }
  preparedDone(id: string, v: { files: unknown; before: unknown; after: unknown; material: unknown; preview: string | null }, now: number): void {
    this.run('preparedDone', {
      id, files: JSON.stringify(v.files), before: JSON.stringify(v.before), after: JSON.stringify(v.after), material: JSON.stringify(v.material), preview: v.preview, now,
    });
  }
  preparedFailed(id: string, status: 'failed' | 'canceled', error: unknown, now: number): void {
    this.run('preparedFailed', { id, status, error: JSON.stringify(error), now });
  }
  deletePrepared(id: string): void {
    this.run('deletePrepared', id);
  }

  insertPack(row: Pick<PackRow, 'id' | 'model_id' | 'prepared_id' | 'language' | 'quantity' | 'factories_json' | 'path' | 'created_at'>): void {
    this.run('insertPack', row);
  }
  packsOf(modelId: string): PackRow[] {
    return this.all('packsOf', modelId);
  }
  packByJob(jobId: string): PackRow | undefined {
    return this.get('packByJob', jobId);
  }
  setPackJob(id: string, jobId: string): void {
    this.run('setPackJob', jobId, id);
  }
  packDone(id: string, v: { path: string; bytes: number; entries: string[] }, now: number): void {
    this.run('packDone', { id, path: v.path, bytes: v.bytes, entries: JSON.stringify(v.entries), now });
  }
  packFailed(id: string, status: 'failed' | 'canceled', error: unknown, now: number): void {
    this.run('packFailed', { id, status, error: JSON.stringify(error), now });
  }
  deletePack(id: string): void {
    this.run('deletePack', id);
  }

  insertQuote(row: QuoteRow): void {
    this.run('insertQuote', row);
  }
  quote(id: string): QuoteRow | undefined {
    return this.get('quote', id);
  }
  quotesOf(modelId: string): QuoteRow[] {
    return this.all('quotesOf', modelId);
  }
  updateQuote(row: Omit<QuoteRow, 'model_id' | 'created_at'>): void {
    this.run('updateQuote', row);
  }
  deleteQuote(id: string): boolean {
    return this.run('deleteQuote', id) === 1;
  }
}
