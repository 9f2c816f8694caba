import type BetterSqlite3 from 'better-sqlite3';
import { analyze, type LearningReport } from '../../../shared/kol/learning/index.js';
import type { Localized } from '../../../shared/messages.js';
import type { LearnPersona, LearnReportView } from '../../../shared/api/kol-learn-contract.js';
import type { Store } from '../../store/db.js';
import { learningPosts } from './posts.js';

/**
 * Learning from engagement in main (issue 14, seed 003 SelfLearningService):
 * the report the Learning page and `kingjam kol learn` show, and the lines a
 * persona that has learning switched on adds to its next prompts.
 */

const DAY = 86_400_000;

export interface ReportQuery {
  periodDays: number;
  personaId?: string | null;
  clientId?: string | null;
}

export function learningReport(store: Store, q: ReportQuery, now: number): LearningReport {
  const posts = learningPosts(store, { from: now - q.periodDays * DAY, to: now, personaId: q.personaId, clientId: q.clientId });
  return analyze(posts, { periodDays: q.periodDays, now, personaId: q.personaId ?? null, clientId: q.clientId ?? null });
}

/** The personas (not archived) with their learning switch, for the page's filter and its "use in prompts" switches. */
export function learnPersonas(store: Store): LearnPersona[] {
  const rows = store.sqlite.prepare('SELECT id, nickname, client_id, learning_enabled FROM kol_personas WHERE archived_at IS NULL ORDER BY nickname, id').all() as {
    id: string;
    nickname: string;
    client_id: string | null;
    learning_enabled: number;
  }[];
  return rows.map((r) => ({ id: r.id, nickname: r.nickname, clientId: r.client_id, learningEnabled: r.learning_enabled === 1 }));
}

export function learnReportView(store: Store, q: ReportQuery, now: number): LearnReportView {
  return { ...learningReport(store, q, now), personas: learnPersonas(store) };
}

/** Asked twice for every post a batch writes: prepared once per database. */
const switches = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement<[string], { learning_enabled: number }>>();
function learningSwitch(db: BetterSqlite3.Database): BetterSqlite3.Statement<[string], { learning_enabled: number }> {
  let statement = switches.get(db);
  if (!statement) {
    statement = db.prepare('SELECT learning_enabled FROM kol_personas WHERE id = ? AND archived_at IS NULL');
    switches.set(db, statement);
  }
  return statement;
}

/** Prompt additions look at the last 30 days, or 90 when 30 hold too few posts to say anything. */
const PROMPT_PERIODS = [30, 90] as const;

/**
 * The lines to add to a persona's next generations, each with why (the
 * finding behind it, in the user's language): empty unless the persona has
 * learning switched on and enough of its published posts have metrics.
 * Findings about when to post or which media to use are not prompt lines.
 */
export function promptAdditions(store: Store, personaId: string, now: number): { text: string; why: Localized }[] {
  const persona = learningSwitch(store.sqlite).get(personaId);
  if (persona?.learning_enabled !== 1) return [];
  for (const periodDays of PROMPT_PERIODS) {
    const report = learningReport(store, { periodDays, personaId }, now);
    if (!report.enough) continue;
    return report.suggestions.filter((s) => s.prompt !== null).map((s) => ({ text: s.prompt!, why: s.text }));
  }
  return [];
}
