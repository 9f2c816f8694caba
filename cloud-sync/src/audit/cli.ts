import type { Clock } from '../clock.js';
import { openDatabase } from '../db/connect.js';
import { migrate } from '../db/migrations.js';
import { dataDirOf } from '../partners/wiring.js';
import { pickLang } from '../boxes/verify-cli.js';
import { AuditService } from './service.js';
import type { AuditRule } from './check.js';

type Lines = {
  ok: (p: { checked: number; seq: number; hash: string }) => string;
  broken: (p: { seq: number; rule: AuditRule; detail: string }) => string;
  signed: (p: { count: number }) => string;
};

/** What the commands say to a person (stderr), in the language of --lang-less LANG / LC_ALL; stdout stays JSON. */
const LINES: Record<'en' | 'zh-TW' | 'zh-CN', Lines> = {
  en: {
    ok: (p) => `The audit log checks out: ${p.checked} entries, head ${p.seq} ${p.hash}.`,
    broken: (p) => `The audit log is broken at seq ${p.seq} (${p.rule}): an entry was edited, removed or re-linked there. ${p.detail}`,
    signed: (p) => `${p.count} daily digest(s) signed.`,
  },
  'zh-TW': {
    ok: (p) => `稽核紀錄完整：共 ${p.checked} 筆，最新一筆 ${p.seq}，雜湊 ${p.hash}。`,
    broken: (p) => `稽核紀錄在第 ${p.seq} 筆斷裂（seq ${p.seq}，${p.rule}）：那裡有紀錄被修改、刪除或改接。${p.detail}`,
    signed: (p) => `已簽署 ${p.count} 份每日摘要。`,
  },
  'zh-CN': {
    ok: (p) => `审计日志完整：共 ${p.checked} 条，最新一条 ${p.seq}，哈希 ${p.hash}。`,
    broken: (p) => `审计日志在第 ${p.seq} 条断裂（seq ${p.seq}，${p.rule}）：那里有记录被修改、删除或改接。${p.detail}`,
    signed: (p) => `已签署 ${p.count} 份每日摘要。`,
  },
};

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
  const say = LINES[pickLang(undefined, process.env)];
  const h = openDatabase(target);
  try {
    await migrate(h);
    const audit = new AuditService(h, clock, { dataDir: dataDirOf(h) });
    if (command === 'audit-digest') {
      const made = await audit.makeDigests();
      out(`${JSON.stringify({ made }, null, 2)}\n`);
      err(say.signed({ count: made.length }));
      return 0;
    }
    const result = await audit.check();
    out(`${JSON.stringify(result, null, 2)}\n`);
    err(result.failure ? say.broken(result.failure) : say.ok({ checked: result.checked, ...result.head }));
    return result.ok ? 0 : 1;
  } finally {
    await h.close();
  }
}
