import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engagementScore } from '../../src/shared/kol/post-record.js';
import type { PersonaExport } from '../../src/shared/kol/persona.js';
import { kolWorld, LIN } from './world.js';

/** Personas through the contract's handlers on real SQLite: what the UI and the CLI call. */
let w: ReturnType<typeof kolWorld>;
let facebook: string;
let threads: string;

beforeAll(() => {
  w = kolWorld({ accounts: [{ platform: 'facebook', displayName: 'Tea House' }, { platform: 'threads', displayName: 'Lin' }] });
  facebook = w.accounts['facebook:Tea House']!;
  threads = w.accounts['threads:Lin']!;
});
afterAll(async () => {
  await w.studio.close();
});

describe('personas', () => {
  it('refuses an account the outbox does not know, naming it and its place, and saves nothing', async () => {
    const before = (await w.call('kol.personas.list', {})).length;
    const error = await w.refused('kol.personas.create', { ...LIN, accountIds: [facebook, 'acct-nobody'] });
    expect(error).toMatchObject({ code: 'BAD_INPUT', field: 'accountIds.1', key: 'kol.core.accountNotFound', params: { account: 'acct-nobody' } });
    expect(error.message).toContain('acct-nobody');
    expect(await w.call('kol.personas.list', {})).toHaveLength(before);
  });

  it('creates a persona with its defaults (auto-approve off) and its accounts', async () => {
    const p = await w.call('kol.personas.create', { ...LIN, accountIds: [facebook] });
    expect(p).toMatchObject({ nickname: '林小美', accountIds: [facebook], autoApprove: false, learningEnabled: false, archivedAt: null });
    expect(p.limits).toEqual({ perDay: 3, quietHours: { start: '23:00', end: '07:00' }, timeZone: 'Asia/Taipei' });
    expect(p.stats).toEqual({ posts: 0, pendingReview: 0, published: 0, failed: 0, meanEngagement: null, lastPublishedAt: null });
    expect(await w.call('kol.personas.get', { id: p.id })).toEqual(p);
  });

  it('update merges the patch: the fields named change, nested settings field by field, the rest stays', async () => {
    const p = await w.call('kol.personas.create', { ...LIN, nickname: 'Patch me', accountIds: [facebook], model: { provider: 'offline', temperature: 0.3 } });
    const updated = await w.call('kol.personas.update', { id: p.id, patch: { contentStyle: '專業', tone: { emoji: 'none' }, limits: { perDay: 5 }, accountIds: [facebook, threads] } });
    expect(updated.contentStyle).toBe('專業');
    expect(updated.tone).toEqual({ ...p.tone, emoji: 'none' });
    expect(updated.limits).toEqual({ ...p.limits, perDay: 5 });
    expect(updated.model).toEqual(p.model);
    expect(updated.nickname).toBe('Patch me');
    expect(updated.accountIds.sort()).toEqual([facebook, threads].sort());
  });

  it('update checks the merged persona whole: a bad time zone and an unknown account are refused, nothing changes', async () => {
    const p = await w.call('kol.personas.create', { ...LIN, nickname: 'Stays', accountIds: [facebook] });
    expect(await w.refused('kol.personas.update', { id: p.id, patch: { limits: { timeZone: 'Mars/Olympus' } } })).toMatchObject({ code: 'BAD_INPUT', key: 'kol.core.personaInvalid' });
    expect(await w.refused('kol.personas.update', { id: p.id, patch: { accountIds: ['nope'] } })).toMatchObject({ code: 'BAD_INPUT', field: 'accountIds.0', params: { account: 'nope' } });
    expect(await w.refused('kol.personas.update', { id: p.id, patch: { limits: { perDay: 0 } } })).toMatchObject({ code: 'BAD_INPUT', field: 'patch.limits.perDay' });
    expect(await w.call('kol.personas.get', { id: p.id })).toEqual(p);
  });

  it('archive hides the persona from the list (shown with includeArchived), keeps it readable, and refuses new posts for it', async () => {
    const p = await w.call('kol.personas.create', { ...LIN, nickname: 'Old one' });
    expect(await w.call('kol.personas.archive', { id: p.id })).toEqual({ archived: true });
    expect(await w.call('kol.personas.archive', { id: p.id })).toEqual({ archived: false });
    expect((await w.call('kol.personas.list', {})).map((x) => x.id)).not.toContain(p.id);
    const all = await w.call('kol.personas.list', { includeArchived: true });
    expect(all.find((x) => x.id === p.id)?.archivedAt).toEqual(expect.any(Number));
    expect(await w.refused('kol.posts.create', { personaId: p.id, topic: 't', content: 'x' })).toMatchObject({ code: 'CONFLICT', key: 'kol.core.personaArchived' });
    expect(await w.refused('kol.personas.update', { id: p.id, patch: { nickname: 'x' } })).toMatchObject({ key: 'kol.core.personaArchived' });
  });

  it('lists statistics from the records: counts by state, mean engagement of published posts with metrics, last published', async () => {
    const p = await w.call('kol.personas.create', { ...LIN, nickname: 'Counted', accountIds: [facebook] });
    const make = async (n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push((await w.call('kol.posts.create', { personaId: p.id, topic: `t${i}`, content: `內容 ${i}` })).id);
      return ids;
    };
    const ids = await make(6);
    await w.call('kol.posts.create', { personaId: p.id, topic: 'draft', content: '草稿', submit: false });
    await w.call('kol.review.approve', { ids: ids.slice(0, 4) });
    // Out through the outbox and back: what OutboxLink does, straight on the store (the outbox is tested in outbox-link.test.ts).
    const kol = w.studio.kol.store;
    const metrics = [
      { likes: 10, comments: 2, shares: 1, saves: 0 },
      { likes: 4, comments: 0, shares: 0, saves: 3 },
    ];
    for (const [i, id] of ids.slice(0, 3).entries()) {
      kol.transition(id, 'approved', 'scheduled', 'test', 1000 + i, null, { scheduledAt: 5000 + i });
      if (i < 2) {
        kol.transition(id, 'scheduled', 'published', 'test', 6000 + i, null, { publishedAt: 7000 + i });
        const m = metrics[i]!;
        w.studio.store.sqlite.prepare('UPDATE kol_posts SET likes = ?, comments = ?, shares = ?, saves = ?, metrics_at = 1 WHERE id = ?').run(m.likes, m.comments, m.shares, m.saves, id);
      } else kol.transition(id, 'scheduled', 'failed', 'test', 6100);
    }
    const listed = (await w.call('kol.personas.list', {})).find((x) => x.id === p.id)!;
    expect(listed.stats).toEqual({
      posts: 7,
      pendingReview: 2,
      published: 2,
      failed: 1,
      meanEngagement: (engagementScore(metrics[0]!) + engagementScore(metrics[1]!)) / 2,
      lastPublishedAt: 7001,
    });
  });

  it('export → import makes the same personas (settings only: no ids, accounts or client)', async () => {
    const a = await w.call('kol.personas.create', { ...LIN, nickname: 'Export A', accountIds: [facebook], autoApprove: true, limits: { perDay: 2, quietHours: null, timeZone: 'Asia/Shanghai' } });
    const b = await w.call('kol.personas.create', { ...LIN, nickname: 'Export B', tone: { ...LIN.tone, language: 'zh-CN' } });
    const file = await w.call('kol.personas.export', { ids: [a.id, b.id] });
    expect(file.kind).toBe('kingjam.kol-personas');
    expect(JSON.stringify(file)).not.toContain(facebook);
    const imported = await w.call('kol.personas.import', { json: JSON.stringify(file) });
    expect(imported.map((p) => p.nickname)).toEqual(['Export A', 'Export B']);
    const settings = (p: typeof a) => {
      const { id: _i, createdAt: _c, updatedAt: _u, stats: _s, accountIds: _a, clientId: _cl, archivedAt: _ar, ...rest } = p;
      return rest;
    };
    expect(imported.map(settings)).toEqual([settings(a), settings(b)]);
    expect(imported.every((p) => p.accountIds.length === 0 && p.clientId === null && ![a.id, b.id].includes(p.id))).toBe(true);
    expect(await w.call('kol.personas.export', { ids: imported.map((p) => p.id) })).toEqual(file);
  });

  it('an import with problems creates nothing and lists every problem by persona index and field', async () => {
    const before = (await w.call('kol.personas.list', { includeArchived: true })).length;
    const good = (await w.call('kol.personas.export', {})).personas[0]!;
    const file: PersonaExport = { kind: 'kingjam.kol-personas', version: 1, personas: [good, good] };
    const broken = JSON.parse(JSON.stringify(file)) as { personas: Record<string, unknown>[] };
    broken.personas.push({ ...good, nickname: '', tone: { ...good.tone, language: 'fr' } });
    broken.personas.push({ ...good, limits: { ...good.limits, perDay: 0 } });
    const error = await w.refused('kol.personas.import', { json: JSON.stringify(broken) });
    expect(error).toMatchObject({ code: 'BAD_INPUT', key: 'kol.core.personaInvalid', params: { count: 3 }, field: 'personas.2.nickname' });
    for (const where of ['personas.2.nickname', 'personas.2.tone.language', 'personas.3.limits.perDay']) expect(error.message).toContain(where);
    expect(await w.refused('kol.personas.import', { json: '{not json' })).toMatchObject({ code: 'BAD_INPUT', key: 'kol.core.importNotJson' });
    const zone = { ...file, personas: [good, { ...good, limits: { ...good.limits, timeZone: 'Nowhere/Else' } }] };
    expect((await w.refused('kol.personas.import', { json: JSON.stringify(zone) })).message).toContain('personas.1.limits.timeZone');
    expect(await w.call('kol.personas.list', { includeArchived: true })).toHaveLength(before);
  });
});

describe('scores (the agency scorer on every create, edit and batch draft)', () => {
  const TEXT = '今天去永康街吃了一碗超好吃的牛肉麵，湯頭濃郁、麵條Q彈，老闆還送了小菜。大家週末可以去試試看，記得留言告訴我你最愛哪一家！#美食 #牛肉麵 #合作';

  it('scores a post with the rules: a guaranteed-returns phrase is high risk with the phrase found, and an edit scores again', async () => {
    const p = await w.call('kol.personas.create', { ...LIN, nickname: 'Scored', accountIds: [facebook] });
    const risky = await w.call('kol.posts.create', { personaId: p.id, topic: '理財', content: '這檔基金保證獲利，快跟上！#理財 #合作' });
    expect(risky.scores?.risk.level).toBe('high');
    expect(risky.scores?.risk.matches.map((m) => m.phrase)).toContain('保證獲利');
    const row = w.studio.kol.store.post(risky.id)!;
    expect([row.risk_level, row.quality_score]).toEqual(['high', risky.scores!.quality.score]);
    const edited = await w.call('kol.posts.edit', { id: risky.id, content: TEXT });
    expect(edited.scores?.risk.level).toBe('low');
    // Scored again after the edit, a post is no duplicate of its own earlier text.
    expect(edited.scores?.quality.checks.find((c) => c.id === 'duplication')?.passed).toBe(true);
  });

  it('a draft that repeats one of the persona’s last posts fails the duplication check', async () => {
    const p = await w.call('kol.personas.create', { ...LIN, nickname: 'Repeats', accountIds: [facebook] });
    await w.call('kol.posts.create', { personaId: p.id, topic: '牛肉麵', content: TEXT });
    const again = await w.call('kol.posts.create', { personaId: p.id, topic: '牛肉麵', content: TEXT });
    expect(again.scores?.quality.checks.find((c) => c.id === 'duplication')?.passed).toBe(false);
  });
});
