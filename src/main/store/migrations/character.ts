import type { Migration } from './migration.js';

/** Characters (seed `characters`), their references and variants (issue 16); version 12. */
export const characterMigrations: Migration[] = [
  {
    version: 12,
    name: 'characters, their reference images and variants',
    sql: `
      -- A character: what the Prompt-Board's concept became once the user picked and edited it.
      CREATE TABLE characters (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        -- The keywords it was made from, as a JSON array of strings.
        keywords TEXT NOT NULL DEFAULT '[]',
        language TEXT NOT NULL CHECK (language IN ('zh-TW', 'zh-CN', 'en')),
        world TEXT NOT NULL DEFAULT '',
        backstory TEXT NOT NULL DEFAULT '',
        -- Appearance notes for the image models and illustrators.
        look TEXT NOT NULL DEFAULT '',
        -- The Style-Locker's profile locked on it (style_profiles is migration 13: no foreign key across areas).
        style_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX characters_updated ON characters (updated_at DESC, id);

      -- Its reference images: library assets, uploaded or generated, in order.
      CREATE TABLE character_references (
        character_id TEXT NOT NULL REFERENCES characters(id) ON DELETE CASCADE,
        asset_id TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('upload', 'generated')),
        position INTEGER NOT NULL,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (character_id, asset_id)
      );
      CREATE INDEX character_references_order ON character_references (character_id, position);

      -- Variants from the Pose & Variant Generator: one row per picture asked for, filled when its job ends.
      CREATE TABLE character_variants (
        id TEXT PRIMARY KEY,
        character_id TEXT NOT NULL REFERENCES characters(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('pose', 'outfit', 'expression')),
        instruction TEXT NOT NULL,
        prompt TEXT NOT NULL DEFAULT '',
        backend TEXT NOT NULL,
        via TEXT NOT NULL,
        model TEXT,
        state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'kept', 'discarded')),
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'failed')),
        -- Which picture of its run it is (0-based), and the file the worker wrote for it.
        slot INTEGER NOT NULL,
        file TEXT,
        asset_id TEXT,
        error TEXT,
        job_id TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX character_variants_character ON character_variants (character_id, created_at DESC, slot);
      CREATE INDEX character_variants_job ON character_variants (job_id);
    `,
  },
];
