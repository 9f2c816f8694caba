/** One numbered schema change; never edited once released (add the next number). */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
