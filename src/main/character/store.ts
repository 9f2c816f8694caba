import type { ReferenceOrigin, VariantState, VariantStatus } from '../../shared/api/character-contract.js';
import type { VariantBackend, VariantKind } from '../../shared/creator/jobs.js';
import type { PhotoVia } from '../../shared/photo/requests.js';
import type { Language } from '../../shared/settings.js';
import type { Store } from '../store/db.js';

/** The rows of migration 12 as prepared statements: characters, their references and their variants. */
export interface CharacterRow {
  id: string;
  name: string;
  keywords: string;
  language: Language;
  world: string;
  backstory: string;
  look: string;
  style_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface ReferenceRow {
  character_id: string;
  asset_id: string;
  origin: ReferenceOrigin;
  position: number;
  added_at: number;
}

export interface VariantRow {
  id: string;
  character_id: string;
  kind: VariantKind;
  instruction: string;
  prompt: string;
  backend: VariantBackend;
  via: PhotoVia;
  model: string | null;
  state: VariantState;
  status: VariantStatus;
  slot: number;
  file: string | null;
  asset_id: string | null;
  error: string | null;
  job_id: string | null;
  created_at: number;
}

export type NewCharacter = Omit<CharacterRow, 'keywords'> & { keywords: string[] };
type Profile = Pick<CharacterRow, 'name' | 'language' | 'world' | 'backstory' | 'look' | 'style_id'> & { keywords: string[] };

export class CharacterStore {
  constructor(readonly store: Store) {}

  private get db() {
    return this.store.sqlite;
  }

  insert(c: NewCharacter): void {
    this.db
      .prepare('INSERT INTO characters (id, name, keywords, language, world, backstory, look, style_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(c.id, c.name, JSON.stringify(c.keywords), c.language, c.world, c.backstory, c.look, c.style_id, c.created_at, c.updated_at);
  }

  update(id: string, p: Profile, now: number): void {
    this.db
      .prepare('UPDATE characters SET name = ?, keywords = ?, language = ?, world = ?, backstory = ?, look = ?, style_id = ?, updated_at = ? WHERE id = ?')
      .run(p.name, JSON.stringify(p.keywords), p.language, p.world, p.backstory, p.look, p.style_id, now, id);
  }

  touch(id: string, now: number): void {
    this.db.prepare('UPDATE characters SET updated_at = ? WHERE id = ?').run(now, id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM characters WHERE id = ?').run(id).changes > 0;
  }

  get(id: string): CharacterRow | undefined {
    return this.db.prepare('SELECT * FROM characters WHERE id = ?').get(id) as CharacterRow | undefined;
  }

  list(): CharacterRow[] {
    return this.db.prepare('SELECT * FROM characters ORDER BY updated_at DESC, id').all() as CharacterRow[];
  }

  references(characterId: string): ReferenceRow[] {
    return this.db.prepare('SELECT * FROM character_references WHERE character_id = ? ORDER BY position, added_at').all(characterId) as ReferenceRow[];
  }

  /** Appends the assets not yet among the character's references, after the last one. */
  addReferences(characterId: string, assetIds: string[], origin: ReferenceOrigin, now: number): void {
    const last = this.db.prepare('SELECT COALESCE(MAX(position), -1) AS p FROM character_references WHERE character_id = ?').get(characterId) as { p: number };
    const insert = this.db.prepare('INSERT OR IGNORE INTO character_references (character_id, asset_id, origin, position, added_at) VALUES (?, ?, ?, ?, ?)');
    let position = last.p;
    for (const asset of assetIds) if (insert.run(characterId, asset, origin, position + 1, now).changes > 0) position += 1;
  }

  removeReference(characterId: string, assetId: string): boolean {
    return this.db.prepare('DELETE FROM character_references WHERE character_id = ? AND asset_id = ?').run(characterId, assetId).changes > 0;
  }

  variants(characterId: string): VariantRow[] {
    return this.db.prepare('SELECT * FROM character_variants WHERE character_id = ? ORDER BY created_at DESC, slot').all(characterId) as VariantRow[];
  }

  variant(id: string): VariantRow | undefined {
    return this.db.prepare('SELECT * FROM character_variants WHERE id = ?').get(id) as VariantRow | undefined;
  }

  variantsOfJob(jobId: string): VariantRow[] {
    return this.db.prepare('SELECT * FROM character_variants WHERE job_id = ? ORDER BY slot').all(jobId) as VariantRow[];
  }

  insertVariant(v: Pick<VariantRow, 'id' | 'character_id' | 'kind' | 'instruction' | 'backend' | 'via' | 'slot' | 'created_at'>): void {
    this.db
      .prepare('INSERT INTO character_variants (id, character_id, kind, instruction, backend, via, slot, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(v.id, v.character_id, v.kind, v.instruction, v.backend, v.via, v.slot, v.created_at);
  }

  deleteVariants(ids: string[]): void {
    const del = this.db.prepare('DELETE FROM character_variants WHERE id = ?');
    for (const id of ids) del.run(id);
  }

  setJob(ids: string[], jobId: string): void {
    const set = this.db.prepare('UPDATE character_variants SET job_id = ? WHERE id = ?');
    for (const id of ids) set.run(jobId, id);
  }

  made(id: string, made: { file: string; prompt: string; model: string }): void {
    this.db.prepare("UPDATE character_variants SET status = 'ready', file = ?, prompt = ?, model = ?, error = NULL WHERE id = ?").run(made.file, made.prompt, made.model, id);
  }

  failed(id: string, error: string): void {
    this.db.prepare("UPDATE character_variants SET status = 'failed', error = ? WHERE id = ?").run(error, id);
  }

  setAsset(id: string, assetId: string): void {
    this.db.prepare('UPDATE character_variants SET asset_id = ? WHERE id = ?').run(assetId, id);
  }

  setState(id: string, state: VariantState): void {
    this.db.prepare('UPDATE character_variants SET state = ? WHERE id = ?').run(state, id);
  }
}
