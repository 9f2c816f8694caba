import type { Migration } from './migration.js';

/** 3D models, candidates, checks, packs and quotes (issue 16); version 14. */
export const meshMigrations: Migration[] = [];
