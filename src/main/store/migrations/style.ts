import type { Migration } from './migration.js';

/** Style profiles (seed `style_profiles`) and consistency scores (issue 16); version 13. */
export const styleMigrations: Migration[] = [];
