import { ACCOUNT_USAGE } from '../usage.js';
import { say } from '../../../shared/messages.js';
import type { AccountView, WalletView } from '../../../shared/wallet.js';
import type { Studio } from '../../studio.js';
import { parseArgs, stringFlag, usageSaid, usageLines } from '../args.js';
import { cliLanguage, type CliIo } from '../context.js';
import { cliLines, type CliLineKey } from '../../../shared/cli/lines.js';
import type { Language } from '../../../shared/settings.js';

/** Where the password comes from: never argv (it would show in `ps` and shell history). */
export const PASSWORD_ENV = 'KINGJAM_PASSWORD';

/** The password from KINGJAM_PASSWORD, else the first line piped on stdin. */
async function readPassword(stdin: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<string> {
  const fromEnv = process.env[PASSWORD_ENV];
  if (fromEnv) return fromEnv;
  if (stdin.isTTY) throw usageSaid(say('cli.passwordTty', { env: PASSWORD_ENV }));
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!password) throw usageSaid(say('cli.passwordNone', { env: PASSWORD_ENV }));
  return password;
}

function describe(language: Language, account: AccountView, wallet: WalletView): string[] {
  const line = (key: CliLineKey, params: Record<string, string | number> = {}): string => cliLines.say(language, key, params);
  if (!account.signedIn) return [line('cli.out.notSignedIn', { cloud: account.cloudUrl })];
  const lines = [line('cli.out.signedInAs', { who: account.email ?? account.userId ?? '', cloud: account.cloudUrl })];
  const b = wallet.balance;
  if (!b) return [...lines, line('cli.out.balanceNotFetched')];
  lines.push(line('cli.out.balance', { available: b.available, held: b.held, total: b.total }));
  for (const [bucket, v] of Object.entries(b.buckets)) lines.push(`  ${bucket.padEnd(5)} ${line('cli.out.bucket', { available: String(v.available).padStart(7), held: String(v.held).padStart(6) })}`);
  if (wallet.allowance) lines.push(line('cli.out.allowance', { remaining: wallet.allowance.remaining, amount: wallet.allowance.amount }));
  return lines;
}

/** `kingjam account login --cloud URL --email E | status [--json] | logout` */
export async function accountCommand(studio: Studio, argv: string[], io: CliIo, stdin: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin): Promise<number> {
  const [sub, ...rest] = argv;
  const args = parseArgs(rest, ['json']);
  const json = args.flags.has('json');
  switch (sub) {
    case 'login': {
      if (args.flags.has('password')) throw usageSaid(say('cli.passwordNotArg', { env: PASSWORD_ENV }));
      const email = stringFlag(args, 'email');
      if (!email) throw usageSaid(say('cli.needsFlags', { command: 'kingjam account login', flags: '--email, --cloud URL (KINGJAM_CLOUD_URL)' }));
      const cloudUrl = stringFlag(args, 'cloud');
      const totp = stringFlag(args, 'totp');
      const password = await readPassword(stdin);
      const account = await studio.sync.login({ email, password, ...(cloudUrl ? { cloudUrl } : {}), ...(totp ? { totp } : {}) });
      const wallet = studio.sync.wallet();
      if (json) io.out(JSON.stringify({ account, wallet }));
      else for (const l of describe(cliLanguage(studio), account, wallet)) io.out(l);
      return 0;
    }
    case 'status': {
      const { signedIn } = studio.sync.view();
      // A fresh balance when the cloud answers; the last one seen when it does not (said as such).
      const wallet = signedIn ? await studio.sync.refreshBalance().catch(() => studio.sync.wallet()) : studio.sync.wallet();
      if (json) io.out(JSON.stringify({ account: studio.sync.view(), wallet }));
      else for (const l of describe(cliLanguage(studio), studio.sync.view(), wallet)) io.out(l);
      return 0;
    }
    case 'logout': {
      const account = await studio.sync.logout();
      io.out(json ? JSON.stringify({ account }) : cliLines.say(cliLanguage(studio), 'cli.out.signedOut'));
      return 0;
    }
    default:
      throw usageLines(ACCOUNT_USAGE);
  }
}
