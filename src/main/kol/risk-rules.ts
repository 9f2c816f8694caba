import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { RiskRuleInput, ScoreTestInput } from '../../shared/api/kol-rules-contract.js';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { BUNDLED_RULES } from '../../shared/kol/score/bundled-rules.js';
import { defaultRegions, scoreDraft, type ScoreInput } from '../../shared/kol/score/index.js';
import { patternProblem } from '../../shared/kol/score/regex-guard.js';
import type { DraftScores, RiskRule } from '../../shared/kol/scores.js';
import type { Store } from '../store/db.js';

/**
 * The agency's risk rule set (migration 7): the bundled rules with the
 * agency's on/off switches, and the rules the agency wrote. Every draft is
 * scored against `rules()`; the Risk rules page edits it through the
 * kol.rules.* calls.
 */

interface RuleRow {
  id: string;
  builtin: 0 | 1;
  region: RiskRule['region'] | null;
  category: RiskRule['category'] | null;
  match: RiskRule['match'] | null;
  pattern: string | null;
  level: RiskRule['level'] | null;
  enabled: 0 | 1;
  created_at: number;
  updated_at: number;
}

const BUNDLED_BY_ID = new Map(BUNDLED_RULES.map((r) => [r.id, r]));

function agencyRule(row: RuleRow): RiskRule {
  return { id: row.id, region: row.region!, category: row.category!, match: row.match!, pattern: row.pattern!, level: row.level!, enabled: row.enabled === 1, builtin: false };
}

function notFound(id: string): StudioError {
  return new StudioError({ code: 'NOT_FOUND', message: `There is no risk rule ${id}.`, field: 'id', ...say('kol.score.rules.notFound', { id }) });
}

function builtinFixed(id: string): StudioError {
  return new StudioError({ code: 'BAD_INPUT', message: `The shipped risk rule ${id} cannot be edited or deleted; switch it off instead.`, field: 'id', ...say('kol.score.rules.builtinFixed') });
}

/** Refuses a pattern that cannot be saved, saying why (too long, not a valid expression, one that could stall scoring). */
function checkPattern(match: RiskRule['match'], pattern: string): void {
  const problem = patternProblem(match, pattern);
  if (!problem) return;
  const english: Record<string, string> = {
    'kol.score.rules.patternTooLong': `The pattern is ${pattern.length} characters long; at most 200 are allowed.`,
    'kol.score.rules.badRegex': `The pattern is not a valid regular expression (${String(problem.params?.detail ?? '')}).`,
    'kol.score.rules.nestedQuantifier': `The pattern repeats a group that itself repeats or branches ("${String(problem.params?.part ?? '')}"), which can stall scoring.`,
    'kol.score.rules.matchesEmpty': 'The pattern matches empty text, so it would mark every post.',
  };
  throw new StudioError({ code: 'BAD_INPUT', message: english[problem.key] ?? 'The pattern cannot be saved.', field: 'pattern', key: problem.key, ...(problem.params ? { params: problem.params } : {}) });
}

/** A draft as post-record creation has it: the rules come from the store, regions from the language unless given. */
export type DraftToScore = Omit<ScoreInput, 'rules' | 'regions' | 'now'> & { regions?: ScoreInput['regions'] | undefined; now?: number | undefined };

export class RiskRuleService {
  private readonly selectAll: BetterSqlite3.Statement<[], RuleRow>;
  private readonly selectOne: BetterSqlite3.Statement<[string], RuleRow>;

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {
    this.selectAll = store.sqlite.prepare('SELECT * FROM kol_risk_rules ORDER BY created_at, id');
    this.selectOne = store.sqlite.prepare('SELECT * FROM kol_risk_rules WHERE id = ?');
  }

  /** Every rule: the bundled ones in their shipped order with the agency's switches, then the agency's own, oldest first. */
  list(): RiskRule[] {
    const rows = this.selectAll.all();
    const switches = new Map(rows.filter((r) => r.builtin === 1).map((r) => [r.id, r.enabled === 1]));
    const bundled = BUNDLED_RULES.map((rule) => ({ ...rule, enabled: switches.get(rule.id) ?? true }));
    return [...bundled, ...rows.filter((r) => r.builtin === 0).map(agencyRule)];
  }

  get(id: string): RiskRule {
    const bundled = BUNDLED_BY_ID.get(id);
    const row = this.selectOne.get(id);
    if (bundled) return { ...bundled, enabled: row ? row.enabled === 1 : true };
    if (!row || row.builtin === 1) throw notFound(id);
    return agencyRule(row);
  }

  save(input: RiskRuleInput): RiskRule {
    checkPattern(input.match, input.pattern);
    const at = this.now();
    if (input.id === undefined) {
      const id = randomUUID();
      this.store.sqlite
        .prepare('INSERT INTO kol_risk_rules (id, builtin, region, category, match, pattern, level, enabled, created_at, updated_at) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, input.region, input.category, input.match, input.pattern, input.level, input.enabled ? 1 : 0, at, at);
      return this.get(id);
    }
    if (BUNDLED_BY_ID.has(input.id)) throw builtinFixed(input.id);
    const changed = this.store.sqlite
      .prepare('UPDATE kol_risk_rules SET region = ?, category = ?, match = ?, pattern = ?, level = ?, enabled = ?, updated_at = ? WHERE id = ? AND builtin = 0')
      .run(input.region, input.category, input.match, input.pattern, input.level, input.enabled ? 1 : 0, at, input.id).changes;
    if (changed === 0) throw notFound(input.id);
    return this.get(input.id);
  }

  delete(id: string): { id: string } {
    if (BUNDLED_BY_ID.has(id)) throw builtinFixed(id);
    const changed = this.store.sqlite.prepare('DELETE FROM kol_risk_rules WHERE id = ? AND builtin = 0').run(id).changes;
    if (changed === 0) throw notFound(id);
    return { id };
  }

  /** Switches a rule on or off; a bundled rule's switch is the only thing stored about it. */
  toggle(id: string, enabled: boolean): RiskRule {
    const at = this.now();
    if (BUNDLED_BY_ID.has(id)) {
      this.store.sqlite
        .prepare('INSERT INTO kol_risk_rules (id, builtin, enabled, created_at, updated_at) VALUES (?, 1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at')
        .run(id, enabled ? 1 : 0, at, at);
      return this.get(id);
    }
    const changed = this.store.sqlite.prepare('UPDATE kol_risk_rules SET enabled = ?, updated_at = ? WHERE id = ? AND builtin = 0').run(enabled ? 1 : 0, at, id).changes;
    if (changed === 0) throw notFound(id);
    return this.get(id);
  }

  /** 'switches': every bundled rule on again, the agency's rules kept; 'all': also deletes the agency's rules. */
  reset(scope: 'switches' | 'all'): RiskRule[] {
    this.store.sqlite.prepare(scope === 'all' ? 'DELETE FROM kol_risk_rules' : 'DELETE FROM kol_risk_rules WHERE builtin = 1').run();
    return this.list();
  }

  /** The rules drafts are scored against now (switched-off ones are skipped by scoring). */
  rules(): RiskRule[] {
    return this.list();
  }

  /**
   * Scores a draft against the rules in force: what post-record creation
   * calls. Regions default to the language's (defaultRegions), the clock to now.
   */
  score(input: DraftToScore): DraftScores {
    return scoreDraft({ ...input, rules: this.rules(), regions: input.regions ?? defaultRegions(input.language), now: input.now ?? this.now() });
  }

  test(input: ScoreTestInput): DraftScores {
    return this.score({ text: input.text, title: input.title, platform: input.platform, language: input.language, recentTexts: input.recentTexts, regions: input.regions });
  }
}

/** One call for whoever saves a draft: its scores against the agency's rules as they are in `store` now. */
export function scoreWithRules(store: Store, draft: DraftToScore): DraftScores {
  return new RiskRuleService(store).score(draft);
}
