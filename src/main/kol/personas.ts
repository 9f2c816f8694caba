import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { z } from 'zod';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import {
  PERSONA_EXPORT_VERSION,
  personaExportSchema,
  personaInputSchema,
  type PersonaExport,
  type PersonaInput,
  type PersonaPatch,
  type PersonaSettings,
  type PersonaStatistics,
  type PersonaView,
} from '../../shared/kol/persona.js';
import { isTimeZone } from '../../shared/publish/time.js';
import type { KolStore, PersonaRow } from './store.js';

/**
 * KOL personas (issue 14): create, change, archive, list with statistics,
 * and the JSON export/import. Every write is validated with the persona's
 * schema (a patch is merged first, then checked whole) and every account
 * must be one the outbox knows.
 */
export class PersonaService {
  private readonly s: Record<'counts' | 'published' | 'list' | 'listAll' | 'byClient' | 'byClientAll', BetterSqlite3.Statement>;

  constructor(
    private readonly kol: KolStore,
    private readonly now: () => number,
  ) {
    const db = kol.store.sqlite;
    this.s = {
      // Both read kol_posts_persona_queue (persona_id, status, …): the counts from the index alone.
      counts: db.prepare(
        `SELECT COUNT(*) AS posts, COALESCE(SUM(status = 'pending_review'), 0) AS pending, COALESCE(SUM(status = 'published'), 0) AS published,
           COALESCE(SUM(status = 'failed'), 0) AS failed FROM kol_posts WHERE persona_id = ?`,
      ),
      // engagementScore (src/shared/kol/post-record.ts) in SQL: likes + 1.5 comments + 2 shares + 2 saves, over posts with metrics.
      published: db.prepare(
        `SELECT AVG(CASE WHEN metrics_at IS NOT NULL THEN likes + 1.5 * comments + 2 * shares + 2 * saves END) AS mean, MAX(published_at) AS last
         FROM kol_posts WHERE persona_id = ? AND status = 'published'`,
      ),
      list: db.prepare('SELECT * FROM kol_personas WHERE archived_at IS NULL ORDER BY nickname, id'),
      listAll: db.prepare('SELECT * FROM kol_personas ORDER BY archived_at IS NOT NULL, nickname, id'),
      byClient: db.prepare('SELECT * FROM kol_personas WHERE client_id = ? AND archived_at IS NULL ORDER BY nickname, id'),
      byClientAll: db.prepare('SELECT * FROM kol_personas WHERE client_id = ? ORDER BY archived_at IS NOT NULL, nickname, id'),
    };
  }

  create(input: PersonaInput): PersonaView {
    const settings = personaInputSchema.parse(input);
    this.check(settings);
    const id = randomUUID();
    this.kol.insertPersona(id, settings, this.now());
    return this.get(id);
  }

  /** Merges the patch into the persona (nested settings field by field) and checks the result whole. */
  update(id: string, patch: PersonaPatch): PersonaView {
    const current = this.active(id);
    const merged = personaInputSchema.safeParse({
      ...current,
      ...defined(patch),
      tone: { ...current.tone, ...defined(patch.tone ?? {}) },
      model: { ...current.model, ...defined(patch.model ?? {}) },
      limits: { ...current.limits, ...defined(patch.limits ?? {}) },
    });
    if (!merged.success) throw badInput(issueList(merged.error, 'patch'));
    this.check(merged.data);
    if (!this.kol.updatePersona(id, merged.data, this.now())) throw personaNotFound(id);
    return this.get(id);
  }

  archive(id: string): { archived: boolean } {
    this.mustGet(id);
    return { archived: this.kol.archivePersona(id, this.now()) };
  }

  get(id: string): PersonaView {
    return this.view(this.mustGet(id));
  }

  list(filter: { clientId?: string | undefined; includeArchived: boolean }): PersonaView[] {
    const rows =
      filter.clientId === undefined
        ? (filter.includeArchived ? this.s.listAll : this.s.list).all()
        : (filter.includeArchived ? this.s.byClientAll : this.s.byClient).all(filter.clientId);
    return (rows as PersonaRow[]).map((r) => this.view(r));
  }

  /** The settings of a persona that is not archived (what posts are written and scheduled with). */
  active(id: string): PersonaSettings {
    const row = this.mustGet(id);
    if (row.archived_at !== null) {
      throw new StudioError({ code: 'CONFLICT', message: `The persona ${row.nickname} is archived.`, ...say('kol.core.personaArchived', { name: row.nickname }) });
    }
    return this.settingsOf(row);
  }

  /** Settings only (no ids, accounts or statistics), as the JSON file holds them. */
  export(ids?: string[]): PersonaExport {
    const rows = ids ? ids.map((id) => this.mustGet(id)) : (this.s.list.all() as PersonaRow[]);
    return {
      kind: 'kingjam.kol-personas',
      version: PERSONA_EXPORT_VERSION,
      personas: rows.map((r) => {
        const { accountIds: _accounts, clientId: _client, ...rest } = this.settingsOf(r);
        return rest;
      }),
    };
  }

  /** Every persona of the file, or none: each problem is listed by index and field before anything is created. */
  import(json: string): PersonaView[] {
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new StudioError({ code: 'BAD_INPUT', message: `The file is not JSON: ${detail}`, field: 'json', ...say('kol.core.importNotJson', { detail }) });
    }
    const parsed = personaExportSchema.safeParse(data);
    if (!parsed.success) throw badInput(issueList(parsed.error, ''));
    const problems = parsed.data.personas.flatMap((p, i) => (isTimeZone(p.limits.timeZone) ? [] : [`personas.${i}.limits.timeZone: "${p.limits.timeZone}" is not a time zone`]));
    if (problems.length > 0) throw badInput(problems);
    const now = this.now();
    const ids = this.kol.store.transaction(() =>
      parsed.data.personas.map((p) => {
        const id = randomUUID();
        this.kol.insertPersona(id, { ...p, accountIds: [], clientId: null }, now);
        return id;
      }),
    );
    return ids.map((id) => this.get(id));
  }

  private check(settings: PersonaSettings): void {
    if (!isTimeZone(settings.limits.timeZone)) throw badInput([`limits.timeZone: "${settings.limits.timeZone}" is not a time zone`]);
    const known = new Set(
      (this.kol.store.sqlite.prepare(`SELECT id FROM publish_accounts WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(settings.accountIds)) as { id: string }[]).map((r) => r.id),
    );
    const index = settings.accountIds.findIndex((id) => !known.has(id));
    if (index === -1) return;
    const account = settings.accountIds[index]!;
    throw new StudioError({
      code: 'BAD_INPUT',
      message: `There is no publishing account ${account}.`,
      field: `accountIds.${index}`,
      hint: 'Connect it on the Connections page, or pick one `kingjam publish accounts` lists.',
      ...say('kol.core.accountNotFound', { account }),
    });
  }

  private mustGet(id: string): PersonaRow {
    const row = this.kol.persona(id);
    if (!row) throw personaNotFound(id);
    return row;
  }

  private settingsOf(row: PersonaRow): PersonaSettings {
    return { ...(JSON.parse(row.settings) as PersonaSettings), accountIds: this.kol.accountsOf(row.id) };
  }

  private view(row: PersonaRow): PersonaView {
    return { ...this.settingsOf(row), id: row.id, createdAt: row.created_at, updatedAt: row.updated_at, archivedAt: row.archived_at, stats: this.stats(row.id) };
  }

  private stats(personaId: string): PersonaStatistics {
    const c = this.s.counts.get(personaId) as { posts: number; pending: number; published: number; failed: number };
    const p = this.s.published.get(personaId) as { mean: number | null; last: number | null };
    return { posts: c.posts, pendingReview: c.pending, published: c.published, failed: c.failed, meanEngagement: p.mean, lastPublishedAt: p.last };
  }
}

/** The object without its undefined fields (so a patch does not blank what it does not name). */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Each zod issue as "<path>: <message>", the path from the file's root (`personas.2.tone.language`). */
function issueList(error: z.ZodError, prefix: string): string[] {
  return error.issues.map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || 'input'}: ${i.message}`);
}

function badInput(problems: string[]): StudioError {
  const list = problems.join('; ');
  return new StudioError({
    code: 'BAD_INPUT',
    message: `${problems.length} problem(s): ${list}. Nothing was saved.`,
    field: problems[0]!.split(':')[0]!,
    ...say('kol.core.personaInvalid', { count: problems.length, problems: list }),
  });
}

function personaNotFound(id: string): StudioError {
  return new StudioError({ code: 'NOT_FOUND', message: `There is no persona ${id}.`, ...say('kol.core.personaNotFound') });
}
