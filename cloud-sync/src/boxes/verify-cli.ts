import { parseArgs } from 'node:util';
import { z } from 'zod';
import { TIERS } from '../../../src/shared/boxes/fair.js';
import { BOX_ROUTES } from '../../../src/shared/boxes/wire.js';
import type { Problem, SeriesCheck } from './verify.js';
import { verifySeries } from './verify.js';

/**
 * `kingjam-cloud verify-openings SERIES --url BASE [--lang zh-TW|zh-CN|en]`: fetches a series and
 * its public proofs and recomputes every opening of its revealed seeds here (verify.ts), then says
 * so in the user's language. Exit 0: nothing failed; 1: a mismatch; 2: usage or network error.
 */

type Lang = 'zh-TW' | 'zh-CN' | 'en';

const TEXT: Record<Lang, Record<string, (p: Record<string, string | number>) => string>> = {
  en: {
    usage: () => 'usage: kingjam-cloud verify-openings SERIES_ID --url https://cloud.example [--lang zh-TW|zh-CN|en]',
    network: (p) => `could not read ${p.url}: ${p.message}`,
    header: (p) => `Series ${p.id} “${p.title}”: ${p.openings} openings, ${p.seeds} server seeds`,
    seedOk: (p) => `  seed ${p.seed}: commitment matches, ${p.verified}/${p.openings} openings recomputed and match`,
    seedHidden: (p) => `  seed ${p.seed}: not revealed yet, ${p.openings} openings wait for it`,
    seedBad: (p) => `  seed ${p.seed}: ${p.problems} problems`,
    commitment: () => '    SHA-256 of the revealed seed is NOT the published commitment',
    item: (p) => `    opening ${p.opening}: recorded item ${p.recorded}, recomputed ${p.recomputed}`,
    nonce: (p) => `  opening ${p.opening}: nonce ${p.recorded}, expected ${p.expected}`,
    guarantee: (p) => `  opening ${p.opening}: guarantee flag ${p.recorded}, the rule gives ${p.expected}`,
    unknownSeed: (p) => `  opening ${p.opening}: unknown seed ${p.seed}`,
    unknownItem: (p) => `  opening ${p.opening}: unknown item ${p.item}`,
    ok: (p) => `Verified: all ${p.verified} openings of revealed seeds match.${Number(p.unrevealed) > 0 ? ` ${p.unrevealed} openings wait for their seed to be revealed.` : ''}`,
    bad: (p) => `MISMATCH: ${p.problems} problems found (${p.verified} of ${p.openings} openings verified).`,
  },
  'zh-TW': {
    usage: () => '用法：kingjam-cloud verify-openings 系列ID --url https://cloud.example [--lang zh-TW|zh-CN|en]',
    network: (p) => `無法讀取 ${p.url}：${p.message}`,
    header: (p) => `系列 ${p.id}「${p.title}」：${p.openings} 次開盒，${p.seeds} 組伺服器種子`,
    seedOk: (p) => `  種子 ${p.seed}：承諾值相符，${p.verified}/${p.openings} 次開盒重算結果一致`,
    seedHidden: (p) => `  種子 ${p.seed}：尚未公開，${p.openings} 次開盒待驗證`,
    seedBad: (p) => `  種子 ${p.seed}：發現 ${p.problems} 個問題`,
    commitment: () => '    公開種子的 SHA-256 與事先公布的承諾值「不符」',
    item: (p) => `    開盒 ${p.opening}：紀錄為 ${p.recorded}，重算為 ${p.recomputed}`,
    nonce: (p) => `  開盒 ${p.opening}：序號 ${p.recorded}，應為 ${p.expected}`,
    guarantee: (p) => `  開盒 ${p.opening}：保底標記為 ${p.recorded}，規則應為 ${p.expected}`,
    unknownSeed: (p) => `  開盒 ${p.opening}：未知的種子 ${p.seed}`,
    unknownItem: (p) => `  開盒 ${p.opening}：未知的品項 ${p.item}`,
    ok: (p) => `驗證通過：已公開種子的 ${p.verified} 次開盒全部相符。${Number(p.unrevealed) > 0 ? `另有 ${p.unrevealed} 次開盒待種子公開後驗證。` : ''}`,
    bad: (p) => `驗證失敗：發現 ${p.problems} 個問題（${p.openings} 次開盒中 ${p.verified} 次相符）。`,
  },
  'zh-CN': {
    usage: () => '用法：kingjam-cloud verify-openings 系列ID --url https://cloud.example [--lang zh-TW|zh-CN|en]',
    network: (p) => `无法读取 ${p.url}：${p.message}`,
    header: (p) => `系列 ${p.id}“${p.title}”：${p.openings} 次开盒，${p.seeds} 组服务器种子`,
    seedOk: (p) => `  种子 ${p.seed}：承诺值相符，${p.verified}/${p.openings} 次开盒重算结果一致`,
    seedHidden: (p) => `  种子 ${p.seed}：尚未公开，${p.openings} 次开盒待验证`,
    seedBad: (p) => `  种子 ${p.seed}：发现 ${p.problems} 个问题`,
    commitment: () => '    公开种子的 SHA-256 与事先公布的承诺值“不符”',
    item: (p) => `    开盒 ${p.opening}：记录为 ${p.recorded}，重算为 ${p.recomputed}`,
    nonce: (p) => `  开盒 ${p.opening}：序号 ${p.recorded}，应为 ${p.expected}`,
    guarantee: (p) => `  开盒 ${p.opening}：保底标记为 ${p.recorded}，规则应为 ${p.expected}`,
    unknownSeed: (p) => `  开盒 ${p.opening}：未知的种子 ${p.seed}`,
    unknownItem: (p) => `  开盒 ${p.opening}：未知的款式 ${p.item}`,
    ok: (p) => `验证通过：已公开种子的 ${p.verified} 次开盒全部相符。${Number(p.unrevealed) > 0 ? `另有 ${p.unrevealed} 次开盒待种子公开后验证。` : ''}`,
    bad: (p) => `验证失败：发现 ${p.problems} 个问题（${p.openings} 次开盒中 ${p.verified} 次相符）。`,
  },
};

/** --lang, else LANG / LC_ALL (zh_TW, zh_HK → zh-TW; other zh → zh-CN), else English. */
export function pickLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  const raw = (flag ?? env.LC_ALL ?? env.LANG ?? '').replace('_', '-').toLowerCase();
  if (raw.startsWith('zh-tw') || raw.startsWith('zh-hk') || raw.startsWith('zh-mo') || raw.startsWith('zh-hant')) return 'zh-TW';
  if (raw.startsWith('zh')) return 'zh-CN';
  return 'en';
}

// What the checker needs of the published JSON, checked before it is trusted.
const SeriesShape = z.object({
  id: z.string(),
  title: z.string(),
  guarantee: z.object({ after: z.number().int().min(2), tier: z.enum(TIERS) }).nullable(),
  items: z.array(z.object({ id: z.string(), tier: z.enum(TIERS), odds_ppm: z.number().int().min(0) })).min(1),
  seeds: z.array(z.object({ id: z.string(), commitment: z.string(), server_seed: z.string().nullable() })),
});
const ProofsShape = z.array(
  z.object({ opening_id: z.string(), seed_id: z.string(), client_seed: z.string(), nonce: z.number().int().min(0), guaranteed: z.boolean(), item_id: z.string(), outcome: z.enum(['granted', 'sold_out']), buyer: z.string() }),
);

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(60_000), headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

export async function verifyOpeningsCommand(argv: string[], out: (s: string) => void, err: (s: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { url: { type: 'string' }, lang: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch {
    err(TEXT[pickLang(undefined, env)].usage!({}));
    return 2;
  }
  const t = TEXT[pickLang(args.values.lang, env)];
  const say = (key: string, p: Record<string, string | number> = {}) => t[key]!(p);
  const seriesId = args.positionals[0];
  const base = args.values.url;
  if (!seriesId || args.positionals.length !== 1 || !base || !/^https?:\/\//.test(base) || !z.uuid().safeParse(seriesId).success) {
    err(say('usage'));
    return 2;
  }
  const at = (route: string) => `${base.replace(/\/+$/, '')}${route.replace(':id', seriesId)}`;
  let series: z.output<typeof SeriesShape>;
  let proofs: z.output<typeof ProofsShape>;
  try {
    series = SeriesShape.parse(await fetchJson(at(BOX_ROUTES.seriesOne)));
    proofs = ProofsShape.parse(await fetchJson(at(BOX_ROUTES.proofs)));
  } catch (e) {
    err(say('network', { url: base, message: e instanceof Error ? e.message : String(e) }));
    return 2;
  }
  const check = verifySeries(series, proofs);
  report(check, series, say, out);
  return check.ok ? 0 : 1;
}

function report(c: SeriesCheck, series: { id: string; title: string }, say: (key: string, p?: Record<string, string | number>) => string, out: (s: string) => void): void {
  out(say('header', { id: series.id, title: series.title, openings: c.openings, seeds: c.seeds.length }));
  for (const s of c.seeds) {
    if (s.problems.length > 0) {
      out(say('seedBad', { seed: s.seed_id, problems: s.problems.length }));
      for (const p of s.problems) out(problemLine(p, say));
    } else if (!s.revealed) out(say('seedHidden', { seed: s.seed_id, openings: s.openings }));
    else out(say('seedOk', { seed: s.seed_id, verified: s.verified, openings: s.openings }));
  }
  for (const p of c.sequence) out(problemLine(p, say));
  const problems = c.sequence.length + c.seeds.reduce((n, s) => n + s.problems.length, 0);
  out(c.ok ? say('ok', { verified: c.verified, unrevealed: c.unrevealed }) : say('bad', { problems, verified: c.verified, openings: c.openings }));
}

function problemLine(p: Problem, say: (key: string, p?: Record<string, string | number>) => string): string {
  switch (p.kind) {
    case 'commitment':
      return say('commitment');
    case 'item':
      return say('item', { opening: p.opening_id, recorded: p.recorded, recomputed: p.recomputed });
    case 'nonce':
      return say('nonce', { opening: p.opening_id, recorded: p.recorded, expected: p.expected });
    case 'guarantee':
      return say('guarantee', { opening: p.opening_id, recorded: String(p.recorded), expected: String(p.expected) });
    case 'unknown_seed':
      return say('unknownSeed', { opening: p.opening_id, seed: p.seed_id });
    case 'unknown_item':
      return say('unknownItem', { opening: p.opening_id, item: p.item_id });
  }
}
