import { BULK_ENGLISH } from '../../../shared/publish/english.js';

/** English texts of family `bulk` (issue 13: CSV import/export and the `kingjam publish` CLI): its UI strings (`bulk.*`) and the texts of its server message keys (`msg.publish.bulk.*`). */
export const bulkEn = {
  ...BULK_ENGLISH,
} satisfies Record<`bulk.${string}` | `msg.publish.${string}`, string>;

export type BulkMessages = Record<keyof typeof bulkEn, string>;
