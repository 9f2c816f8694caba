import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_UNDO_MS, type KolPostFilter } from '../../src/shared/api/kol-contract.js';
import { canTransition, KOL_POST_STATES, type KolPostState, type KolPostView } from '../../src/shared/kol/post-record.js';
import type { DraftScores, RiskLevel } from '../../src/shared/kol/scores.js';
import type { DraftScorer } from '../../src/main/kol/scoring.js';
import { StudioError } from '../../src/shared/errors.js';
import { handClock, kolWorld, LIN } from './world.js';

/**
 * The review state machine and actions on real SQLite, with the clock in the
 * test's hand. A stand-in scorer (the agency scorer is tested in
 * personas.test.ts) reads the risk and quality the test writes into the
 * text, so the queue's filters select exactly what the test planted.
 */
const scorer: DraftScorer = {
  score: ({ content }) => {
    const risk = (/RISK:(low|medium|high)/.exec(content)?.[1] ?? 'low') as RiskLevel;
    const quality = Number(/Q:(\d+)/.exec(content)?.[1] ?? 50);
    const scores: DraftScores = { quality: { score: quality, checks: [] }, risk: { level: risk, matches: [], reasons: [] }, aiLikeness: { score: 10, signals: [] }, scoredAt: 0 };
    return scores;
  },
};

const clock = handClock(Date.UTC(2027, 0, 10, 2, 0));
let w: ReturnType<typeof kolWorld>;
let personaId: string;
const me = os.userInfo().username;

beforeAll(async () => {
  w = kolWorld({ now: clock.now, extra: { kol: { now: clock.now, scorer } } });
  personaId = (await w.call('kol.personas.create', { ...LIN, accountIds: [w.accounts['facebook:Tea House']!] })).id;
});
afterAll(async () => {
  await w.studio.close();
});

const pending = async (content = '今天吃什麼 RISK:low Q:80', persona = personaId): Promise<KolPostView> => w.call('kol.posts.create', { personaId: persona, topic: '小吃', content });

/** A post put in `state` by writing the row (the set-up, not the thing tested). */
async function postIn(state: KolPostState): Promise<string> {
  const { id } = await pending();
  w.studio.store.sqlite.prepare('UPDATE kol_posts SET status = ? WHERE id = ?').run(state, id);
  return id;
}

const status = (id: string) => w.studio.kol.store.post(id)!.status;
const historyLength = (id: string) => w.studio.kol.store.history(id).length;

describe('the state machine', () => {
  it('KolStore refuses every move the machine does not list, and changes nothing', async () => {
    let refused = 0;
    for (const from of KOL_POST_STATES) {
      for (const to of KOL_POST_STATES) {
        if (canTransition(from, to)) continue;
        const id = await postIn(from);
        const n = historyLength(id);
        expect(() => w.studio.kol.store.transition(id, from, to, 'tester', clock.now()), `${from} → ${to}`).toThrow(StudioError);
        expect([status(id), historyLength(id)]).toEqual([from, n]);
        refused++;
      }
    }
    // 8 × 8 pairs, 15 of them legal (and self-moves are not).
    expect(refused).toBe(49);
  });

  it('every service action from every state: done exactly when the machine allows it, refused (and nothing changed) otherwise', async () => {
    const actions: [KolPostState, (id: string) => Promise<unknown>][] = [
      ['approved', (id) => w.call('kol.review.approve', { ids: [id] })],
      ['rejected', (id) => w.call('kol.review.reject', { id, notes: 'no' })],
      ['needs_changes', (id) => w.call('kol.review.requestChanges', { id, notes: 'shorter' })],
      ['pending_review', (id) => w.call('kol.posts.submit', { id })],
    ];
    for (const from of KOL_POST_STATES) {
      for (const [to, act] of actions) {
        const id = await postIn(from);
        const result = await act(id).then(
          () => 'done',
          (e: { info?: { code: string } }) => e.info?.code,
        );
        expect(result, `${from} → ${to}`).toBe(canTransition(from, to) ? 'done' : 'CONFLICT');
        expect(status(id), `${from} → ${to}`).toBe(canTransition(from, to) ? to : from);
      }
    }
  });

  it('only an approved post can be scheduled: pending, draft and the rest are refused before anything reaches the outbox', async () => {
    const account = w.accounts['facebook:Tea House']!;
    const before = w.studio.publishing.service.summary();
    for (const from of KOL_POST_STATES.filter((s) => s !== 'approved')) {
      const id = await postIn(from);
      expect(await w.refused('kol.posts.schedule', { id, accountId: account }), from).toMatchObject({ code: 'CONFLICT', key: 'kol.core.notApproved' });
      expect(status(id)).toBe(from);
    }
    expect(w.studio.publishing.service.summary()).toEqual(before);
  });
});

describe('review actions', () => {
  it('says who reviews: this computer’s user when not signed in', async () => {
    expect(await w.call('kol.review.reviewer', {})).toEqual({ name: me, source: 'os' });
  });

  it('approve takes many posts and records who, when and the note, in the history too', async () => {
    const a = await pending();
    const b = await pending();
    clock.advance(1000);
    const r = await w.call('kol.review.approve', { ids: [a.id, b.id], notes: 'good' });
    expect(r.posts.map((p) => [p.id, p.status, p.approvedBy, p.approvedAt, p.reviewerNotes])).toEqual([
      [a.id, 'approved', me, clock.now(), 'good'],
      [b.id, 'approved', me, clock.now(), 'good'],
    ]);
    expect(r.undo).toEqual({ token: expect.any(String), expiresAt: clock.now() + REVIEW_UNDO_MS });
    const { history } = await w.call('kol.posts.get', { id: a.id });
    expect(history.map((h) => [h.from, h.to, h.actor, h.at, h.note])).toEqual([
      [null, 'pending_review', me, a.createdAt, null],
      ['pending_review', 'approved', me, clock.now(), 'good'],
    ]);
  });

  it('approve is all or nothing: one post someone else moved refuses the action, and the others stay pending', async () => {
    const a = await pending();
    const b = await pending();
    await w.call('kol.review.reject', { id: b.id, notes: 'off-topic' });
    expect(await w.refused('kol.review.approve', { ids: [a.id, b.id] })).toMatchObject({ code: 'CONFLICT' });
    expect(status(a.id)).toBe('pending_review');
  });

  it('reject and request changes need notes; with them, the notes are kept', async () => {
    const a = await pending();
    expect(await w.refused('kol.review.reject', { id: a.id })).toMatchObject({ code: 'BAD_INPUT', field: 'notes' });
    expect(await w.refused('kol.review.reject', { id: a.id, notes: '   ' })).toMatchObject({ code: 'BAD_INPUT', field: 'notes' });
    expect(await w.refused('kol.review.requestChanges', { id: a.id })).toMatchObject({ code: 'BAD_INPUT', field: 'notes' });
    expect(status(a.id)).toBe('pending_review');
    const rejected = await w.call('kol.review.reject', { id: a.id, notes: '語氣太硬' });
    expect(rejected.posts[0]).toMatchObject({ status: 'rejected', reviewerNotes: '語氣太硬', approvedBy: null });
    const b = await pending();
    const changes = await w.call('kol.review.requestChanges', { id: b.id, notes: '加上 #合作' });
    expect(changes.posts[0]).toMatchObject({ status: 'needs_changes', reviewerNotes: '加上 #合作' });
    // The writer edits it and sends it back.
    const edited = await w.call('kol.posts.edit', { id: b.id, content: '今天吃什麼 #合作 RISK:low Q:90' });
    expect(edited.scores?.quality.score).toBe(90);
    expect((await w.call('kol.posts.submit', { id: b.id })).status).toBe('pending_review');
  });

  it('edits in place only before approval', async () => {
    const a = await pending();
    await w.call('kol.review.approve', { ids: [a.id] });
    expect(await w.refused('kol.posts.edit', { id: a.id, content: 'late change' })).toMatchObject({ code: 'CONFLICT', key: 'kol.core.notEditable' });
    expect(w.studio.kol.store.post(a.id)!.content).toBe(a.content);
  });

  it('approve-low-risk approves the pending low-risk posts the filter selects, and only those', async () => {
    const other = (await w.call('kol.personas.create', { ...LIN, nickname: 'Low risk persona' })).id;
    const low = [await pending('A RISK:low', other), await pending('B RISK:low', other)];
    const medium = await pending('C RISK:medium', other);
    const high = await pending('D RISK:high', other);
    const draft = await w.call('kol.posts.create', { personaId: other, topic: 'x', content: 'E RISK:low', submit: false });
    const r = await w.call('kol.review.approveLowRisk', { filter: { personaId: other } });
    expect(r.posts.map((p) => p.id).sort()).toEqual(low.map((p) => p.id).sort());
    expect([status(medium.id), status(high.id), status(draft.id)]).toEqual(['pending_review', 'pending_review', 'draft']);
    expect((await w.call('kol.review.approveLowRisk', { filter: { personaId: other } })).posts).toEqual([]);
  });
});

describe('drafts a batch hands over (DraftSink)', () => {
  const draft = (persona: string, batchItem: number) => ({
    personaId: persona,
    topic: '夜市',
    title: '士林夜市必吃',
    content: `第 ${batchItem} 篇 RISK:medium Q:70`,
    contentMd: `**第 ${batchItem} 篇** RISK:medium Q:70`,
    tags: ['夜市'],
    generation: { provider: 'offline', model: null, temperature: 0.7, learned: [], batchId: 'batch-1', itemIndex: batchItem },
    triggerId: null,
    triggerItem: null,
    batchId: 'batch-1',
    batchItem,
  });

  it('are saved pending review, scored, and announced; the same batch item twice is the first record', async () => {
    const seen: KolPostView[] = [];
    const off = w.studio.events.on('kol.post.updated', (p) => seen.push(p));
    const first = w.studio.kol.saveGenerated(draft(personaId, 1));
    const again = w.studio.kol.saveGenerated({ ...draft(personaId, 1), content: 'a retry wrote something else' });
    off();
    expect(first).toMatchObject({ status: 'pending_review', contentMd: '**第 1 篇** RISK:medium Q:70', scores: { risk: { level: 'medium' }, quality: { score: 70 } }, generation: { batchId: 'batch-1', itemIndex: 1 } });
    expect(again).toEqual(first);
    expect(seen.map((p) => [p.id, p.status])).toEqual([[first.id, 'pending_review']]);
    expect(w.studio.kol.store.history(first.id).map((h) => [h.to, h.actor])).toEqual([['pending_review', 'system:batch']]);
  });

  it('skip review only for a persona that auto-approves (off by default): a second transition by system:auto-approve', async () => {
    const auto = (await w.call('kol.personas.create', { ...LIN, nickname: 'Auto', autoApprove: true })).id;
    const post = w.studio.kol.saveGenerated({ ...draft(auto, 2), batchId: 'batch-2' });
    expect(post).toMatchObject({ status: 'approved', approvedBy: 'system:auto-approve', approvedAt: clock.now() });
    expect(w.studio.kol.store.history(post.id).map((h) => [h.from, h.to, h.actor])).toEqual([
      [null, 'pending_review', 'system:batch'],
      ['pending_review', 'approved', 'system:auto-approve'],
    ]);
  });
});

describe('undo', () => {
  it('within 10 s puts every post back exactly where it was, with an "undo" history row', async () => {
    const a = await pending();
    const b = await pending();
    const approved = await w.call('kol.review.approve', { ids: [a.id, b.id], notes: 'ok' });
    const rejected = await w.call('kol.review.reject', { id: (await pending()).id, notes: 'no' });
    clock.advance(REVIEW_UNDO_MS - 1);
    const undone = await w.call('kol.review.undo', { token: approved.undo!.token });
    expect(undone.posts.map((p) => [p.id, p.status, p.approvedBy, p.approvedAt, p.reviewerNotes])).toEqual([
      [a.id, 'pending_review', null, null, null],
      [b.id, 'pending_review', null, null, null],
    ]);
    expect((await w.call('kol.posts.get', { id: a.id })).history.at(-1)).toMatchObject({ from: 'approved', to: 'pending_review', actor: me, at: clock.now(), note: 'undo' });
    expect((await w.call('kol.review.undo', { token: rejected.undo!.token })).posts[0]).toMatchObject({ status: 'pending_review', reviewerNotes: null });
    // A token is used once.
    expect(await w.refused('kol.review.undo', { token: approved.undo!.token })).toMatchObject({ code: 'CONFLICT', key: 'kol.core.undoUsed' });
  });

  it('after 10 s is refused and changes nothing', async () => {
    const a = await pending();
    const r = await w.call('kol.review.approve', { ids: [a.id] });
    clock.advance(REVIEW_UNDO_MS);
    expect(await w.refused('kol.review.undo', { token: r.undo!.token })).toMatchObject({ code: 'CONFLICT', key: 'kol.core.undoExpired' });
    expect(status(a.id)).toBe('approved');
  });

  it('after another reviewer moved a post is refused for the whole action, even when the post is back in the same state', async () => {
    const a = await pending();
    const b = await pending();
    const r = await w.call('kol.review.approve', { ids: [a.id, b.id] });
    // Another reviewer sends b back to review and approves it again: same state, later history.
    w.studio.kol.store.transition(b.id, 'approved', 'pending_review', 'other@agency.example', clock.now());
    w.studio.kol.store.transition(b.id, 'pending_review', 'approved', 'other@agency.example', clock.now());
    expect(await w.refused('kol.review.undo', { token: r.undo!.token })).toMatchObject({ code: 'CONFLICT', key: 'kol.core.undoMoved', params: { count: 1 } });
    expect([status(a.id), status(b.id)]).toEqual(['approved', 'approved']);
    const other = await pending();
    const r2 = await w.call('kol.review.approve', { ids: [other.id] });
    w.studio.kol.store.transition(other.id, 'approved', 'scheduled', 'system:outbox', clock.now());
    expect(await w.refused('kol.review.undo', { token: r2.undo!.token })).toMatchObject({ key: 'kol.core.undoMoved' });
  });
});

describe('the queue', () => {
  it('keyset pages return every record the filter selects exactly once, newest first, whatever the page size', async () => {
    const clientPersona = (await w.call('kol.personas.create', { ...LIN, nickname: 'Client persona', clientId: 'client-a' })).id;
    const risks = ['low', 'medium', 'high'] as const;
    for (let i = 0; i < 90; i++) {
      // Three records share each millisecond: the id breaks the tie.
      if (i % 3 === 0) clock.advance(1);
      const p = await pending(`post ${i} ${i % 4 === 0 ? '咖啡' : '小吃'} RISK:${risks[i % 3]} Q:${(i * 7) % 100}`, i % 2 ? clientPersona : personaId);
      if (i % 5 === 0) await w.call('kol.review.approve', { ids: [p.id] });
      if (i % 7 === 0) await w.call('kol.review.reject', { id: p.id, notes: 'n' }).catch(() => undefined);
    }
    const all = w.studio.store.sqlite.prepare('SELECT id, status, persona_id, client_id, risk_level, quality_score, content, title, created_at FROM kol_posts').all() as {
      id: string;
      status: KolPostState;
      persona_id: string;
      client_id: string | null;
      risk_level: RiskLevel | null;
      quality_score: number | null;
      content: string;
      title: string;
      created_at: number;
    }[];
    const expected = (f: KolPostFilter) =>
      all
        .filter(
          (r) =>
            (!f.statuses || f.statuses.includes(r.status)) &&
            (f.personaId === undefined || r.persona_id === f.personaId) &&
            (f.clientId === undefined || r.client_id === f.clientId) &&
            (!f.risk || (r.risk_level !== null && f.risk.includes(r.risk_level))) &&
            (f.minQuality === undefined || (r.quality_score !== null && r.quality_score >= f.minQuality)) &&
            // LIKE and the trigram index both ignore ASCII case.
            (f.search === undefined || `${r.content}\n${r.title}`.toLowerCase().includes(f.search.toLowerCase())),
        )
        .sort((x, y) => y.created_at - x.created_at || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0))
        .map((r) => r.id);
    const filters: KolPostFilter[] = [
      {},
      { statuses: ['pending_review'] },
      { statuses: ['pending_review', 'approved', 'rejected'] },
      { personaId },
      { personaId: clientPersona, statuses: ['approved'] },
      { clientId: 'client-a' },
      { clientId: 'client-a', risk: ['low', 'high'] },
      { risk: ['medium'] },
      { statuses: ['pending_review'], risk: ['low'], minQuality: 40 },
      { minQuality: 70 },
      { search: '咖啡' },
      { search: '100%_' },
      // 3+ characters: looked up in the trigram index (few records hold them), every other filter still applied.
      { search: 'post 1' },
      { search: 'post 1', statuses: ['approved', 'pending_review'], risk: ['low'] },
      { search: 'risk:HIGH', personaId, minQuality: 10 },
      { personaId, clientId: 'client-a' },
    ];
    for (const filter of filters) {
      for (const limit of [1, 7, 50]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let guard = 0; guard < 1000; guard++) {
          const page = await w.call('kol.posts.list', { filter, limit, ...(cursor ? { cursor } : {}) });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items.map((p) => p.id));
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        expect(seen, `${JSON.stringify(filter)} by ${limit}`).toEqual(expected(filter));
      }
    }
    expect(expected({}).length).toBeGreaterThan(90);
  });

  it('search finds a post by its edited text and no longer by the old one', async () => {
    const p = await pending('珍珠奶茶半糖少冰 RISK:low');
    const ids = async (search: string) => (await w.call('kol.posts.list', { filter: { search } })).items.map((x) => x.id);
    expect(await ids('珍珠奶茶')).toEqual([p.id]);
    await w.call('kol.posts.edit', { id: p.id, content: '鳳梨酥禮盒開箱 RISK:low' });
    expect(await ids('珍珠奶茶')).toEqual([]);
    expect(await ids('鳳梨酥禮盒')).toEqual([p.id]);
    expect(await ids('鳳梨酥')).toEqual([p.id]);
  });

  it('refuses a cursor it did not give', async () => {
    expect(await w.refused('kol.posts.list', { cursor: 'bm90IGEgY3Vyc29y' })).toMatchObject({ code: 'BAD_INPUT', key: 'kol.core.badCursor', field: 'cursor' });
  });
});
