import type { Clock } from '../clock.js';
import { openDatabase } from '../db/connect.js';
import { migrate } from '../db/migrations.js';
import { dataDirOf } from '../partners/wiring.js';
import { AuditService } from './service.js';

export const AUDIT_COMMANDS = ['verify-audit', 'audit-digest'] as const;
export type AuditCommand = (typeof AUDIT_COMMANDS)[number];

export const AUDIT_USAGE = `  kingjam-cloud verify-audit [--db …]     audit log chain check; exit 1 and the first broken seq
  kingjam-cloud audit-digest [--db …]     sign the audit head of every ended Asia/Taipei day not yet signed
`;

/**
 * `verify-audit`: the chain check, its result as JSON on stdout; on a break, the failing seq and
 * rule on stderr and exit 1. `audit-digest`: makes the digests the server's timer would (the key
 * from KINGJAM_AUDIT_SIGNING_KEY, else the data folder's), printing those it made.
 */
export async function runAuditCommand(command: AuditCommand, target: string, clock: Clock, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const h = openDatabase(target);
  try {
    await migrate(h);
    const audit = new AuditService(h, clock, { dataDir: dataDirOf(h) });
    if (command === 'audit-digest') {
      out(`${JSON.stringify({ made: await audit.makeDigests() }, null, 2)}\n`);
      return 0;
    }
    const result = await audit.check();
    out(`${JSON.stringify(result, null, 2)}\n`);
    if (result.failure) err(`kingjam-cloud: audit log broken at seq ${result.failure.seq} (${result.failure.rule}): ${result.failure.detail}`);
    return result.ok ? 0 : 1;
  } finally {
    await h.close();
  }
}
