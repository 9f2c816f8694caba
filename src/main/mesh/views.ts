import type {
  MeshCandidateView,
  MeshModelSummary,
  MeshModelView,
  MeshPackView,
  MeshPreparedView,
  MeshQuoteView,
} from '../../shared/api/mesh-contract.js';
import type { ErrorInfo } from '../../shared/errors.js';
import { DRAFT_MESH_BACKENDS } from '../../shared/mesh/backends.js';
import type { MeshMakeResult, MeshPrepareResult } from '../../shared/mesh/jobs.js';
import type { MaterialEstimate, MeshCheckReport } from '../../shared/mesh/report.js';
import { libraryPathOf } from '../../shared/paths.js';
import type { CandidateRow, ModelRow, PackRow, PreparedRow, QuoteRow } from './store.js';

/** Rows as the page sees them: files as library paths (for mediaUrl), JSON columns parsed. */
function json<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

export function candidateView(row: CandidateRow, library: string): MeshCandidateView {
  const rel = (file: string | null) => (file === null ? null : (libraryPathOf(library, file) ?? null));
  const make = json<MeshMakeResult>(row.make_json);
  return {
    id: row.id,
    backend: row.backend,
    via: row.via,
    status: row.status,
    jobId: row.check_job_id ?? row.make_job_id,
    draft: make?.draft ?? DRAFT_MESH_BACKENDS.includes(row.backend),
    model: make?.model ?? null,
    estimatedCredits: row.estimated_credits,
    score: row.score,
    report: json<MeshCheckReport>(row.report_json),
    material: json<MaterialEstimate>(row.material_json),
    glb: make ? rel(make.path) : null,
    preview: rel(row.preview_path),
    error: json<ErrorInfo>(row.error),
    createdAt: row.created_at,
  };
}

/** The best checked candidate: highest score, the earliest on a tie. */
export function bestOf(rows: CandidateRow[]): CandidateRow | null {
  let best: CandidateRow | null = null;
  for (const r of rows) if (r.status === 'checked' && r.score !== null && (best === null || r.score > best.score!)) best = r;
  return best;
}

/** The candidate in use: the user's choice while it is still checked, else the best. */
export function selectedOf(model: ModelRow, rows: CandidateRow[]): CandidateRow | null {
  const chosen = rows.find((r) => r.id === model.chosen_candidate && r.status === 'checked');
  return chosen ?? bestOf(rows);
}

export function preparedView(row: PreparedRow, library: string): MeshPreparedView {
  const files = json<MeshPrepareResult['files']>(row.files_json) ?? [];
  return {
    id: row.id,
    candidateId: row.candidate_id,
    status: row.status,
    jobId: row.job_id,
    options: JSON.parse(row.options_json) as MeshPreparedView['options'],
    files: files.map((f) => ({ format: f.format, file: libraryPathOf(library, f.path) ?? f.path, bytes: f.bytes, sha256: f.sha256 })),
    before: json<MeshCheckReport>(row.before_json),
    after: json<MeshCheckReport>(row.after_json),
    material: json<MaterialEstimate>(row.material_json),
    preview: row.preview_path ? libraryPathOf(library, row.preview_path) : null,
    error: json<ErrorInfo>(row.error),
    createdAt: row.created_at,
  };
}

export function packView(row: PackRow, library: string): MeshPackView {
  return {
    id: row.id,
    preparedId: row.prepared_id,
    status: row.status,
    jobId: row.job_id,
    language: row.language,
    quantity: row.quantity,
    factories: JSON.parse(row.factories_json) as MeshPackView['factories'],
    file: row.status === 'succeeded' ? libraryPathOf(library, row.path) : null,
    bytes: row.bytes,
    entries: json<string[]>(row.entries_json) ?? [],
    error: json<ErrorInfo>(row.error),
    createdAt: row.created_at,
  };
}

export function quoteView(row: QuoteRow): MeshQuoteView {
  return {
    id: row.id,
    modelId: row.model_id,
    factory: row.factory,
    currency: row.currency,
    unitPrice: row.unit_price,
    moq: row.moq,
    leadDays: row.lead_days,
    notes: row.notes,
    receivedAt: row.received_at,
  };
}

export function modelSummary(model: ModelRow, rows: CandidateRow[], library: string): MeshModelSummary {
  const best = bestOf(rows);
  const selected = selectedOf(model, rows);
  return {
    id: model.id,
    name: model.name,
    characterId: model.character_id,
    status: model.status,
    sizeMm: model.size_mm,
    process: model.process,
    bestScore: best?.score ?? null,
    image: libraryPathOf(library, model.image_path) ?? model.image_path,
    preview: selected?.preview_path ? libraryPathOf(library, selected.preview_path) : null,
    candidates: rows.length,
    updatedAt: model.updated_at,
  };
}

export function modelView(
  model: ModelRow,
  parts: { candidates: CandidateRow[]; prepared: PreparedRow[]; packs: PackRow[]; quotes: QuoteRow[] },
  library: string,
): MeshModelView {
  const summary = modelSummary(model, parts.candidates, library);
  return {
    ...summary,
    source: { kind: model.source_kind, value: model.source },
    candidates: parts.candidates.map((c) => candidateView(c, library)),
    bestId: bestOf(parts.candidates)?.id ?? null,
    chosenId: model.chosen_candidate,
    selectedId: selectedOf(model, parts.candidates)?.id ?? null,
    prepared: parts.prepared.map((p) => preparedView(p, library)),
    packs: parts.packs.map((p) => packView(p, library)),
    quotes: parts.quotes.map(quoteView),
    createdAt: model.created_at,
  };
}
