import type { Store } from '../store/db.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { StyleFeatures, StyleWriting } from '../../shared/style/features.js';
import { carriersSchema, seedPolicySchema, type StyleProfileView, type StyleReferenceView, type StyleScoreView } from '../../shared/style/profile.js';
import type { FrameScore, ScoreParts, StyleScore } from '../../shared/style/score.js';

/** The Style-Locker's rows (migration 13) as prepared statements, and their views. */
interface ProfileRow {
  id: string;
  name: string;
  status: StyleProfileView['status'];
  locked: number;
  references_json: string;
  features_json: string | null;
  writing_json: string | null;
  prompt_fragment: string;
  negative_prompt: string;
  seed_policy_json: string;
  carriers_json: string;
  language: string;
  writer: string;
  job_id: string | null;
  error: string | null;
  created_at: number;
  updated_at: number;
}

interface ScoreRow {
  id: string;
  style_id: string;
  path: string;
  asset_id: string | null;
  score: number;
  parts_json: string;
  drift: number;
  source: string;
  job_id: string | null;
  created_at: number;
}

export interface NewProfile {
  id: string;
  name: string;
  references: StyleReferenceView[];
  seedPolicy: StyleProfileView['seedPolicy'];
  carriers: StyleProfileView['carriers'];
  language: string;
  writer: string;
  at: number;
}

export type ProfilePatch = Partial<Pick<StyleProfileView, 'name' | 'promptFragment' | 'negativePrompt' | 'seedPolicy' | 'carriers' | 'locked'>>;

export class StyleStore {
  constructor(private readonly store: Store) {}

  private get db() {
    return this.store.sqlite;
  }

  insert(p: NewProfile): void {
    this.db
      .prepare(
        `INSERT INTO style_profiles (id, name, status, locked, references_json, seed_policy_json, carriers_json, language, writer, created_at, updated_at)
         VALUES (?, ?, 'extracting', 0, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.id, p.name, JSON.stringify(p.references), JSON.stringify(p.seedPolicy), JSON.stringify(p.carriers), p.language, p.writer, p.at, p.at);
  }

  setJob(id: string, jobId: string): void {
    this.db.prepare('UPDATE style_profiles SET job_id = ? WHERE id = ?').run(jobId, id);
  }

  byJob(jobId: string): string | null {
    return (this.db.prepare('SELECT id FROM style_profiles WHERE job_id = ?').get(jobId) as { id: string } | undefined)?.id ?? null;
  }

  extracted(id: string, features: StyleFeatures, writing: StyleWriting, at: number): void {
    this.db
      .prepare(
        `UPDATE style_profiles SET status = 'ready', features_json = ?, writing_json = ?, prompt_fragment = ?, negative_prompt = ?, error = NULL, updated_at = ? WHERE id = ?`,
      )
      .run(JSON.stringify(features), JSON.stringify(writing), writing.promptFragment, writing.negativePrompt, at, id);
  }

  failed(id: string, error: ErrorInfo, at: number): void {
    this.db.prepare(`UPDATE style_profiles SET status = 'failed', error = ?, updated_at = ? WHERE id = ?`).run(JSON.stringify(error), at, id);
  }

  update(id: string, patch: ProfilePatch, at: number): void {
    const sets: string[] = [];
    const values: (string | number)[] = [];
    const put = (column: string, value: string | number) => {
      sets.push(`${column} = ?`);
      values.push(value);
    };
    if (patch.name !== undefined) put('name', patch.name);
    if (patch.promptFragment !== undefined) put('prompt_fragment', patch.promptFragment);
    if (patch.negativePrompt !== undefined) put('negative_prompt', patch.negativePrompt);
    if (patch.seedPolicy !== undefined) put('seed_policy_json', JSON.stringify(patch.seedPolicy));
    if (patch.carriers !== undefined) put('carriers_json', JSON.stringify(patch.carriers));
    if (patch.locked !== undefined) put('locked', patch.locked ? 1 : 0);
    put('updated_at', at);
    this.db.prepare(`UPDATE style_profiles SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM style_profiles WHERE id = ?').run(id).changes > 0;
  }

  get(id: string): StyleProfileView | null {
    const row = this.db.prepare('SELECT * FROM style_profiles WHERE id = ?').get(id) as ProfileRow | undefined;
    return row ? this.view(row) : null;
  }

  list(): StyleProfileView[] {
    return (this.db.prepare('SELECT * FROM style_profiles ORDER BY updated_at DESC, id').all() as ProfileRow[]).map((r) => this.view(r));
  }

  addScore(s: { id: string; styleId: string; path: string; assetId: string | null; score: StyleScore; source: string; jobId: string | null; at: number }): void {
    this.db
      .prepare('INSERT INTO style_scores (id, style_id, path, asset_id, score, parts_json, drift, source, job_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(s.id, s.styleId, s.path, s.assetId, s.score.score, JSON.stringify({ parts: s.score.parts, distances: s.score.distances, ...(s.score.frames ? { frames: s.score.frames } : {}), ...(s.score.meanScore !== undefined ? { meanScore: s.score.meanScore } : {}) }), s.score.drift ? 1 : 0, s.source, s.jobId, s.at);
  }

  scores(styleId: string, limit: number): StyleScoreView[] {
    return (this.db.prepare('SELECT * FROM style_scores WHERE style_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').all(styleId, limit) as ScoreRow[]).map(scoreView);
  }

  scoresOfJob(jobId: string): StyleScoreView[] {
    return (this.db.prepare('SELECT * FROM style_scores WHERE job_id = ? ORDER BY rowid').all(jobId) as ScoreRow[]).map(scoreView);
  }

  private view(r: ProfileRow): StyleProfileView {
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      locked: r.locked === 1,
      references: JSON.parse(r.references_json) as StyleReferenceView[],
      features: r.features_json ? (JSON.parse(r.features_json) as StyleFeatures) : null,
      writing: r.writing_json ? (JSON.parse(r.writing_json) as StyleWriting) : null,
      promptFragment: r.prompt_fragment,
      negativePrompt: r.negative_prompt,
      seedPolicy: seedPolicySchema.parse(JSON.parse(r.seed_policy_json)),
      carriers: carriersSchema.parse(JSON.parse(r.carriers_json)),
      jobId: r.job_id,
      error: r.error ? (JSON.parse(r.error) as ErrorInfo) : null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      lastScore: this.scores(r.id, 1)[0] ?? null,
    };
  }
}

function scoreView(r: ScoreRow): StyleScoreView {
  const { parts, distances, frames, meanScore } = JSON.parse(r.parts_json) as { parts: ScoreParts; distances: StyleScore['distances']; frames?: FrameScore[]; meanScore?: number };
  return { id: r.id, styleId: r.style_id, path: r.path, assetId: r.asset_id, score: r.score, parts, distances, drift: r.drift === 1, source: r.source, at: r.created_at, ...(frames ? { frames } : {}), ...(meanScore !== undefined ? { meanScore } : {}) };
}
