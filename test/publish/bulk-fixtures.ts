import { randomUUID } from 'node:crypto';
import type { PublishPlatform } from '../../src/shared/publish/platforms.js';
import type { Store } from '../../src/main/store/db.js';

export interface SeedAccount {
  id?: string;
  platform: PublishPlatform;
  displayName: string;
  timeZone?: string;
}

/**
 * Publishing accounts as a refresh from the vault leaves them (the rows the
 * import, export and CLI read): the vault and the platforms are not what
 * these tests are about, and no platform is called.
 */
export function seedAccounts(store: Store, accounts: SeedAccount[]): Record<string, string> {
  const insert = store.sqlite.prepare(
    `INSERT INTO publish_accounts (id, platform, connection_id, platform_account_id, target_id, display_name, time_zone, missed_policy, updated_at)
     VALUES (@id, @platform, @connectionId, @accountId, NULL, @displayName, @timeZone, 'publish', 0)`,
  );
  const ids: Record<string, string> = {};
  for (const a of accounts) {
    const id = a.id ?? randomUUID();
    insert.run({ id, platform: a.platform, connectionId: `conn-${id}`, accountId: `acct-${id}`, displayName: a.displayName, timeZone: a.timeZone ?? 'Asia/Taipei' });
    ids[`${a.platform}:${a.displayName}`] = id;
  }
  return ids;
}
