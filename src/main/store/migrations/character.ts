import type { Migration } from './migration.js';

/** Characters (seed `characters`), their references and variants (issue 16); version 12. */
export const characterMigrations: Migration[] = [];
