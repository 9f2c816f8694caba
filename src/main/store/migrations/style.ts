import type { Migration } from './migration.js';

/** Style profiles (seed `style_profiles`) and consistency scores (issue 16); version 13. */
export const styleMigrations: Migration[] = [
  {
    version: 13,
    name: 'style profiles and consistency scores',
    sql: `
      -- A style extracted from 3–10 reference images: what was measured, the prompt written from it, and what carries it per backend.
      CREATE TABLE style_profiles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('extracting', 'ready', 'failed')),
        -- A locked style is applied to generations that name it and can no longer be edited.
        locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
        -- The reference images (JSON: [{path, assetId}]), absolute paths.
        references_json TEXT NOT NULL,
        -- StyleFeatures (palette, lighting, lines, per-image features with their pHash) as JSON; NULL while extracting.
        features_json TEXT,
        -- What the text model (or the offline composer) wrote: StyleWriting JSON.
        writing_json TEXT,
        prompt_fragment TEXT NOT NULL DEFAULT '',
        negative_prompt TEXT NOT NULL DEFAULT '',
        -- {"mode":"random"} or {"mode":"fixed","seed":N}
        seed_policy_json TEXT NOT NULL,
        -- StyleCarriers: reference images for Gemini/Seedream, LoRA and IP-Adapter for ComfyUI.
        carriers_json TEXT NOT NULL,
        language TEXT NOT NULL,
        writer TEXT NOT NULL,
        job_id TEXT,
        error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX style_profiles_updated ON style_profiles (updated_at DESC, id);
      CREATE INDEX style_profiles_job ON style_profiles (job_id);

      -- One image scored against a style: the score, its parts and distances, whether it drifted.
      CREATE TABLE style_scores (
        id TEXT PRIMARY KEY,
        style_id TEXT NOT NULL REFERENCES style_profiles (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        asset_id TEXT,
        score REAL NOT NULL CHECK (score >= 0 AND score <= 100),
        -- {parts, distances} as JSON.
        parts_json TEXT NOT NULL,
        drift INTEGER NOT NULL CHECK (drift IN (0, 1)),
        -- 'manual' or the job kind of the generation that made the image.
        source TEXT NOT NULL,
        job_id TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX style_scores_style ON style_scores (style_id, created_at DESC);
    `,
  },
];
