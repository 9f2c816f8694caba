import type { Migration } from './migration.js';

/**
 * Migration 7: the agency's risk rules (issue 14). The bundled rules live in
 * code (src/shared/kol/score/bundled-rules.ts) and are not copied here: a
 * bundled rule has a row only once it is switched off (or on again), holding
 * just its id and `enabled`; an agency rule holds all of itself.
 */
export const kolScoreMigrations: Migration[] = [
  {
    version: 7,
    name: 'KOL risk rules',
    sql: `
      CREATE TABLE kol_risk_rules (
        id TEXT PRIMARY KEY,
        builtin INTEGER NOT NULL CHECK (builtin IN (0, 1)),
        region TEXT CHECK (region IN ('TW', 'CN', 'all')),
        category TEXT CHECK (category IN ('investment', 'medical', 'political', 'competitor', 'disclosure', 'custom')),
        match TEXT CHECK (match IN ('phrase', 'regex')),
        pattern TEXT,
        level TEXT CHECK (level IN ('low', 'medium', 'high')),
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        -- A bundled rule's row is only its switch; an agency rule is whole.
        CHECK (builtin = 1 OR (region IS NOT NULL AND category IS NOT NULL AND match IS NOT NULL AND pattern IS NOT NULL AND level IS NOT NULL))
      );
      CREATE INDEX kol_risk_rules_agency ON kol_risk_rules (builtin, created_at);
    `,
  },
];
