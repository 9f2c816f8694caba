import { randomUUID } from 'node:crypto';
import type {
  CharacterCreate,
  CharacterSummary,
  CharacterUpdate,
  CharacterView,
  ConceptsAnswerView,
  ConceptsRequest,
  ReferenceOrigin,
  VariantState,
} from '../../shared/api/character-contract.js';
import type { CharacterConcept, ConceptsResult, ReferenceProvider, ReferenceResult, RewriteField, RewriteResult } from '../../shared/creator/jobs.js';
import { variantsEstimate } from '../../shared/creator/estimate.js';
import path from 'node:path';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { PathScope } from '../client-files.js';
import type { CreatorHubDeps } from '../creator-hub-deps.js';
import type { StyleArea } from '../style/index.js';
import { CharacterStore, type CharacterRow } from './store.js';
import { lockedStyleResolver, type LockedStyleResolver } from './styles.js';
import { referenceChoiceReady, textChoiceReady } from './text-choice.js';
import { CharacterVariants } from './variants.js';
import { characterView, summaryView } from './views.js';

/**
 * Characters (issue 16, seed `characters`) in main: the Prompt-Board's text
 * jobs, the characters' profiles and reference images, and the Pose & Variant
 * Generator (./variants.ts). Every change is announced as `character.updated`.
 */
export class CharacterService {
  readonly store: CharacterStore;
  readonly variants: CharacterVariants;
  private readonly lockedStyle: LockedStyleResolver;

  constructor(private readonly d: CreatorHubDeps, private readonly styles: StyleArea) {
    this.store = new CharacterStore(d.store);
    this.lockedStyle = lockedStyleResolver(styles);
    this.variants = new CharacterVariants(d, this.store, this.lockedStyle, (id) => this.changed(id));
  }

  list(): CharacterSummary[] {
    return this.store.list().map((r) => summaryView(r, this.store, this.d.library));
  }

  get(id: string): CharacterView {
    return characterView(this.row(id), this.store, this.d.library, this.d.paths.library);
  }

  row(id: string): CharacterRow {
    const row = this.store.get(id);
    if (!row) throw new StudioError({ code: 'NOT_FOUND', message: `There is no character ${id}.`, ...say('character.notFound') });
    return row;
  }

  create(c: CharacterCreate): CharacterView {
    if (c.styleId) this.mustBeLinkable(c.styleId);
    const id = randomUUID();
    const now = this.d.now();
    this.store.insert({ id, name: c.name, keywords: c.keywords, language: c.language, world: c.world, backstory: c.backstory, look: c.look, style_id: c.styleId, created_at: now, updated_at: now });
    return this.changed(id);
  }

  update(u: CharacterUpdate): CharacterView {
    const row = this.row(u.id);
    // Only a newly linked style is checked: a profile saved with the style it already has keeps it even if it was unlocked since (the page says so).
    if (u.styleId && u.styleId !== row.style_id) this.mustBeLinkable(u.styleId);
    this.store.update(
      u.id,
      {
        name: u.name ?? row.name,
        keywords: u.keywords ?? (JSON.parse(row.keywords) as string[]),
        language: u.language ?? row.language,
        world: u.world ?? row.world,
        backstory: u.backstory ?? row.backstory,
        look: u.look ?? row.look,
        style_id: u.styleId === undefined ? row.style_id : u.styleId,
      },
      this.d.now(),
    );
    return this.changed(u.id);
  }

  /**
   * A style is linked to a character only when it exists and is locked: only
   * a locked style is applied to its variants and references, so linking an
   * unlocked one would just move the refusal to the first generation.
   */
  private mustBeLinkable(styleId: string): void {
    const style = this.styles.get(styleId);
    if (!style.locked) throw new StudioError({ code: 'CONFLICT', message: `The style "${style.name}" is not locked.`, ...say('style.notLocked', { name: style.name }) });
  }

  delete(id: string): { deleted: boolean } {
    const deleted = this.store.delete(id);
    if (deleted) this.d.events.emit('character.updated', { id });
    return { deleted };
  }

  /** Prompt-Board: the text job for the keywords, waited for (a text call under its own deadline). */
  async concepts(req: ConceptsRequest): Promise<ConceptsAnswerView> {
    await textChoiceReady(this.d, req.provider, req.model);
    const result = await this.runText<ConceptsResult>('character.concepts', { keywords: req.keywords, language: req.language, provider: req.provider, ...(req.model ? { model: req.model } : {}) });
    return { concepts: result.concepts, provider: result.provider, model: result.model, draft: result.draft };
  }

  /** The model rewrites the world or the backstory from the character as the editor has it (unsaved edits included). */
  async rewrite(req: { id: string; field: RewriteField; provider: ConceptsRequest['provider']; model?: string | undefined; concept?: Partial<CharacterConcept> | undefined }): Promise<RewriteResult> {
    const row = this.row(req.id);
    await textChoiceReady(this.d, req.provider, req.model);
    const character = { name: row.name, world: row.world || '-', backstory: row.backstory || '-', look: row.look || '-', ...nonEmpty(req.concept), keywords: JSON.parse(row.keywords) as string[] };
    return this.runText<RewriteResult>('character.rewrite', { field: req.field, character, language: row.language, provider: req.provider, ...(req.model ? { model: req.model } : {}) });
  }

  /** Files from the user's computer: imported into the library (the client's scope), then added as references. */
  async addReferenceFiles(id: string, paths: string[], scope: PathScope): Promise<CharacterView> {
    this.row(id);
    const outcomes = await this.d.library.import(paths, scope);
    const rejected = outcomes.find((o) => !o.assetId);
    if (rejected?.error) throw new StudioError(rejected.error);
    return this.addReferenceAssets(id, outcomes.map((o) => o.assetId!), 'upload');
  }

  addReferenceAssets(id: string, assetIds: string[], origin: ReferenceOrigin): CharacterView {
    this.row(id);
    for (const assetId of assetIds) {
      const a = this.d.library.get(assetId);
      if (a.kind !== 'image') throw new StudioError({ code: 'UNSUPPORTED_TYPE', message: `"${a.name}" is not an image.`, ...say('character.referenceNotImage', { name: a.name }) });
    }
    this.store.addReferences(id, assetIds, origin, this.d.now());
    return this.changed(id);
  }

  /** A first reference drawn from the look by an image provider (with the locked style), added to the library and as a `generated` reference. */
  async generateReference(id: string, provider: ReferenceProvider): Promise<CharacterView> {
    const row = this.row(id);
    // One image on KingJam Cloud is priced as one Gemini image, as a variant is.
    await referenceChoiceReady(this.d, provider, provider === 'cloud' ? variantsEstimate({ backend: 'gemini', via: 'cloud', count: 1 }).total : 0);
    const style = row.style_id ? await this.lockedStyle(row.style_id) : null;
    const out = path.join(this.d.paths.library, 'characters', id, `reference-${randomUUID()}.png`);
    const { result, jobId } = await this.runJob<ReferenceResult>('character.reference', { name: row.name, look: row.look, ...(style ? { style } : {}), provider, out });
    // Referenced where the job wrote it (inside the library), as every generator's output; kept until deleted.
    const asset = this.d.library.addOutput(result.path, { sourceJobId: jobId, projectId: id, origin: 'generated', retentionClass: null });
    return this.addReferenceAssets(id, [asset.id], 'generated');
  }

  removeReference(id: string, assetId: string): CharacterView {
    this.row(id);
    this.store.removeReference(id, assetId);
    return this.changed(id);
  }

  markVariant(variantId: string, state: VariantState): CharacterView {
    const v = this.store.variant(variantId);
    if (!v) throw new StudioError({ code: 'NOT_FOUND', message: `There is no variant ${variantId}.`, ...say('character.variantNotFound') });
    this.store.setState(variantId, state);
    return this.changed(v.character_id);
  }

  private changed(id: string): CharacterView {
    this.store.touch(id, this.d.now());
    const view = this.get(id);
    this.d.events.emit('character.updated', { id });
    return view;
  }

  private async runText<R>(kind: 'character.concepts' | 'character.rewrite', payload: Record<string, unknown>): Promise<R> {
    return (await this.runJob<R>(kind, payload)).result;
  }

  private async runJob<R>(kind: 'character.concepts' | 'character.rewrite' | 'character.reference', payload: Record<string, unknown>): Promise<{ result: R; jobId: string }> {
    const job = await this.d.jobs.enqueue(kind, payload as never);
    const done = await this.d.jobs.waitFor(job.id);
    if (done.status === 'succeeded') return { result: done.result as R, jobId: job.id };
    const error = done.error ?? { code: 'CANCELED', message: 'The job was canceled.' };
    throw new StudioError(error.key ? error : { ...error, ...say('character.conceptsFailed', { detail: error.message }) });
  }
}

function nonEmpty(c: Partial<CharacterConcept> | undefined): Partial<CharacterConcept> {
  return Object.fromEntries(Object.entries(c ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
}

/** Character area of the Creator Hub (issue 16): characters, the Prompt-Board and pose variants. */
export function createCharacterArea(deps: CreatorHubDeps, styles: StyleArea): CharacterService {
  return new CharacterService(deps, styles);
}

export type CharacterArea = ReturnType<typeof createCharacterArea>;
