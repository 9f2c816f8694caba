import type { Migration } from './migration.js';

/** 2D studio runs (issue 16); version 15. */
export const inkMigrations: Migration[] = [];
