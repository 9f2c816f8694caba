import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/api/handlers.js';
import type { DraftScorer } from '../../src/main/kol/scoring.js';
import type { Studio } from '../../src/main/studio.js';
import { REVIEW_UNDO_MS } from '../../src/shared/api/kol-contract.js';
import type { KolPostView } from '../../src/shared/kol/post-record.js';
import type { DraftScores, RiskLevel } from '../../src/shared/kol/scores.js';
import { contractCalls } from '../helpers/calls.js';
import { openTestStudio } from '../helpers/studio.js';
import { handClock, kolWorld, LIN } from './world.js';

/**
 * Review undo records kept in the studio's SQLite file (migration 19): an
 * undo works from a studio opened again on the same file, or from a second
 * studio sharing it (the window and the bridge), each token restores at most
 * once, and an expired one is refused and swept. The clock is the test's.
 */
const scorer: DraftScorer = {
  score: ({ content }) => {
    const risk = (/RISK:(low|medium|high)/.exec(content)?.[1] ?? 'low') as RiskLevel;
    const scores: DraftScores = { quality: { score: 80, checks: [] }, risk: { level: risk, matches: [], reasons: [] }, aiLikeness: { score: 10, signals: [] }, scoredAt: 0 };
    return scores;
  },
};

const clock = handClock(Date.UTC(2027, 2, 1, 9, 0));
const options = { now: clock.now, extra: { kol: { now: clock.now, scorer } } };
let w: ReturnType<typeof kolWorld>;
let personaId: string;
const opened: Studio[] = [];

/** Another studio on the same data folder (as a restarted app or the bridge beside the window opens it), with its own handlers. */
function sameFile() {
  const studio = openTestStudio(w.home, {}, false, { kol: { now: clock.now, scorer } });
  opened.push(studio);
  const handlers = createHandlers(studio, 'web');
  return { studio, ...contractCalls(() => handlers) };
}

beforeAll(async () => {
  w = kolWorld(options);
  personaId = (await w.call('kol.personas.create', { ...LIN, nickname: 'Undo persona' })).id;
});
afterAll(async () => {
  for (const s of opened) await s.close().catch(() => undefined);
  await w.studio.close().catch(() => undefined);
});

const pending = (content = '今天喝什麼 RISK:low', persona = personaId): Promise<KolPostView> => w.call('kol.posts.create', { personaId: persona, topic: '飲料', content });
const row = (studio: Studio, id: string) => studio.kol.store.post(id)!;
const undoRows = (studio: Studio) =>
  studio.store.sqlite.prepare('SELECT token, action, consumed, created_at, expires_at FROM kol_review_undos ORDER BY created_at, token').all() as {
    token: string;
    action: string;
    consumed: number;
    created_at: number;
    expires_at: number;
  }[];

describe('review undo records in the database', () => {
  it('an action writes its record (action, prior state, 10 s window) in the same commit', async () => {
    const a = await pending();
    const r = await w.call('kol.review.reject', { id: a.id, notes: '太長' });
    const rec = w.studio.store.sqlite.prepare('SELECT * FROM kol_review_undos WHERE token = ?').get(r.undo!.token) as Record<string, unknown>;
    expect(rec).toMatchObject({ action: 'reject', consumed: 0, created_at: clock.now(), expires_at: clock.now() + REVIEW_UNDO_MS });
    expect(JSON.parse(rec.moves as string)).toEqual([
      { id: a.id, from: 'pending_review', to: 'rejected', seq: 2, before: { reviewerNotes: null, approvedBy: null, approvedAt: null } },
    ]);
  });

  it('undo works from the studio opened again on the same file within 10 s, and restores the prior review fields', async () => {
    const a = await pending();
    // A post already reviewed once carries notes from before: the undo must bring those back, not blank them.
    await w.call('kol.review.requestChanges', { id: a.id, notes: '加 #合作' });
    await w.call('kol.posts.submit', { id: a.id });
    const r = await w.call('kol.review.approve', { ids: [a.id], notes: 'ok now' });
    await w.studio.close();
    clock.advance(REVIEW_UNDO_MS - 1);
    const again = sameFile();
    const undone = await again.call('kol.review.undo', { token: r.undo!.token });
    expect(undone.posts.map((p) => [p.id, p.status, p.approvedBy, p.approvedAt, p.reviewerNotes])).toEqual([[a.id, 'pending_review', null, null, '加 #合作']]);
    expect(row(again.studio, a.id).status).toBe('pending_review');
    expect(again.studio.kol.store.history(a.id).at(-1)).toMatchObject({ from: 'approved', to: 'pending_review', note: 'undo', at: clock.now() });
    expect(undoRows(again.studio).find((u) => u.token === r.undo!.token)?.consumed).toBe(1);
    // The rest of this file works on the reopened studio.
    w = { ...w, studio: again.studio, call: again.call, refused: again.refused };
  });

  it('two undo calls for one token, from two studios on one file at once: exactly one restores, the other is told it was used', async () => {
    const other = sameFile();
    const posts = [await pending(), await pending()];
    const r = await w.call('kol.review.approve', { ids: posts.map((p) => p.id) });
    const historyBefore = posts.map((p) => w.studio.kol.store.history(p.id).length);
    const outcomes = await Promise.allSettled([w.call('kol.review.undo', { token: r.undo!.token }), other.call('kol.review.undo', { token: r.undo!.token })]);
    const ok = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0]!.reason as { info: unknown }).info).toMatchObject({ code: 'CONFLICT', key: 'kol.core.undoUsed' });
    // One undo history row per post, not two, and the posts are pending again.
    expect(posts.map((p) => w.studio.kol.store.history(p.id).length)).toEqual(historyBefore.map((n) => n + 1));
    expect(posts.map((p) => row(w.studio, p.id).status)).toEqual(['pending_review', 'pending_review']);
    // A third try, later, from either studio: still used, still nothing changed.
    expect(await other.refused('kol.review.undo', { token: r.undo!.token })).toMatchObject({ key: 'kol.core.undoUsed' });
    expect(posts.map((p) => w.studio.kol.store.history(p.id).length)).toEqual(historyBefore.map((n) => n + 1));
  });

  it('an undo refused because a post moved leaves the token unused (the claim rolls back with the refusal)', async () => {
    const a = await pending();
    const r = await w.call('kol.review.approve', { ids: [a.id] });
    w.studio.kol.store.transition(a.id, 'approved', 'pending_review', 'other@agency.example', clock.now());
    expect(await w.refused('kol.review.undo', { token: r.undo!.token })).toMatchObject({ key: 'kol.core.undoMoved' });
    expect(undoRows(w.studio).find((u) => u.token === r.undo!.token)?.consumed).toBe(0);
  });

  it('expired: refused with the localised reason, nothing changed, and the record swept', async () => {
    const a = await pending();
    const r = await w.call('kol.review.approve', { ids: [a.id], notes: 'fine' });
    const before = row(w.studio, a.id);
    const history = w.studio.kol.store.history(a.id).length;
    clock.advance(REVIEW_UNDO_MS);
    // Refused from a studio opened on the same file, too: the window is the record's, not a process's.
    const other = sameFile();
    const err = await other.refused('kol.review.undo', { token: r.undo!.token });
    expect(err).toMatchObject({ code: 'CONFLICT', key: 'kol.core.undoExpired', params: { seconds: REVIEW_UNDO_MS / 1000 } });
    expect(row(w.studio, a.id)).toEqual(before);
    expect(w.studio.kol.store.history(a.id)).toHaveLength(history);
    // Every record past its window is gone (used or not), so the table does not grow with the queue.
    expect(undoRows(w.studio).filter((u) => u.expires_at <= clock.now())).toEqual([]);
    expect(undoRows(w.studio).find((u) => u.token === r.undo!.token)).toBeUndefined();
  });

  it('a bulk approve of low-risk posts is one record, and its undo restores every post', async () => {
    const bulk = (await w.call('kol.personas.create', { ...LIN, nickname: 'Bulk persona' })).id;
    const low = [];
    for (let i = 0; i < 12; i++) low.push(await pending(`第 ${i} 杯 RISK:low`, bulk));
    const high = await pending('保證獲利 RISK:high', bulk);
    const r = await w.call('kol.review.approveLowRisk', { filter: { personaId: bulk } });
    expect(r.posts.map((p) => p.id).sort()).toEqual(low.map((p) => p.id).sort());
    expect(undoRows(w.studio).find((u) => u.token === r.undo!.token)).toMatchObject({ action: 'approve_low_risk', consumed: 0 });
    clock.advance(REVIEW_UNDO_MS / 2);
    // From another studio on the file (the bridge after a restart, say).
    const other = sameFile();
    const undone = await other.call('kol.review.undo', { token: r.undo!.token });
    expect(undone.posts).toHaveLength(low.length);
    for (const p of low) {
      expect(row(w.studio, p.id)).toMatchObject({ status: 'pending_review', approved_by: null, approved_at: null, reviewer_notes: null });
      expect(w.studio.kol.store.history(p.id).at(-1)).toMatchObject({ from: 'approved', to: 'pending_review', note: 'undo' });
    }
    expect(row(w.studio, high.id).status).toBe('pending_review');
  });
});
