import { randomUUID } from 'node:crypto';
import type { CsvImportResult } from '../../shared/api/publish-contract.js';
import type { CsvMediaRef } from '../../shared/publish/csv-posts.js';
import type { PostMedia, PublishAccountView } from '../../shared/publish/post.js';
import { exportPostsCsv } from './csv-export.js';
import { importPostsCsv, type CsvImportTarget, type ImportedPost } from './csv-import.js';
import type { PostMediaResolver } from './media.js';
import type { PublishService } from './service.js';

/** CSV import and export on the outbox (`publish.importCsv`, `publish.exportCsv`, `kingjam publish import|export`). */
export class PublishBulk implements CsvImportTarget {
  constructor(
    private readonly service: PublishService,
    private readonly media: PostMediaResolver,
    readonly now: () => number,
  ) {}

  importCsv(csv: string, dryRun: boolean): Promise<CsvImportResult> {
    return importPostsCsv(csv, dryRun, this);
  }

  exportCsv(filter: Parameters<PublishService['list']>[0]): string {
    return exportPostsCsv(this.service.list(filter), this.accounts());
  }

  /** The accounts as last refreshed (an import never waits on the platforms). */
  accounts(): PublishAccountView[] {
    return this.service.accounts.rows().map((r) => this.service.accounts.view(r));
  }

  async resolveMedia(ref: CsvMediaRef): Promise<PostMedia> {
    const payload = await this.media.payload({ text: '', media: [ref], options: {} });
    return payload.media[0]!;
  }

  /** Every line's post in one transaction: a failure on any insert leaves none. */
  scheduleAll(posts: ImportedPost[]): number {
    const outbox = this.service.outbox;
    const now = this.now();
    const ids = outbox.store.transaction(() =>
      posts.map((p) => {
        const id = randomUUID();
        const account = this.service.accounts.mustGet(p.accountId);
        outbox.insert({
          id,
          groupId: null,
          accountId: p.accountId,
          platform: p.platform,
          state: 'scheduled',
          payload: p.payload,
          scheduledAt: p.scheduledAt,
          missedPolicy: p.missedPolicy ?? account.missed_policy,
          now,
        });
        return id;
      }),
    );
    for (const id of ids) this.service.changed(id);
    return ids.length;
  }

}
