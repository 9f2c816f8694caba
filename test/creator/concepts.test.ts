import { describe, expect, it } from 'vitest';
import { conceptsAnswerSchema } from '../../src/shared/creator/jobs.js';
import { StudioError } from '../../src/shared/errors.js';
import { rewriteCharacter, writeConcepts } from '../../src/workers/creator/concepts.js';
import { fakeSuite, geminiAnswer, sendJson, type Seen } from '../providers/fake-server.js';
import { jobContext, SIMPLIFIED_ONLY, TRADITIONAL_ONLY } from './support.js';

/**
 * The Prompt-Board (issue 16): keywords in any of the three languages → three
 * concepts. Offline writes real drafts from the keywords in the user's
 * language; Gemini is asked through the real @google/genai SDK against a
 * loopback server speaking generateContent, and its JSON is validated.
 */

const base = { provider: 'offline' as const, timeoutMs: 30_000 };

describe('the offline Prompt-Board', () => {
  it('writes three distinct concepts in zh-TW, in Traditional characters, that use the keywords', async () => {
    const out = await writeConcepts({ ...base, keywords: ['貓咪', '蒸氣龐克', '夜市'], language: 'zh-TW' }, jobContext());
    expect(out).toMatchObject({ provider: 'offline', draft: true });
    expect(conceptsAnswerSchema.parse({ concepts: out.concepts }).concepts).toHaveLength(3);
    expect(new Set(out.concepts.map((c) => c.name)).size).toBe(3);
    for (const c of out.concepts) {
      const text = `${c.world}${c.backstory}${c.look}`;
      expect(['貓咪', '蒸氣龐克', '夜市'].some((k) => text.includes(k))).toBe(true);
      expect(SIMPLIFIED_ONLY.filter((ch) => `${c.name}${text}`.includes(ch))).toEqual([]);
    }
    // Every keyword leads one concept.
    expect(out.concepts.map((c) => c.look).join('')).toContain('蒸氣龐克');
  });

  it('writes zh-CN in Simplified characters, even from keywords typed in Traditional', async () => {
    const out = await writeConcepts({ ...base, keywords: ['龍', '茶館'], language: 'zh-CN' }, jobContext());
    for (const c of out.concepts) {
      const text = `${c.name}${c.world}${c.backstory}${c.look}`;
      expect(text.includes('龍') || text.includes('茶館')).toBe(true);
      // The keywords stay as typed; everything the drafter wrote is Simplified.
      expect(TRADITIONAL_ONLY.filter((ch) => text.replaceAll('茶館', '').includes(ch))).toEqual([]);
    }
  });

  it('writes English from Chinese and English keywords, the same for the same keywords', async () => {
    const p = { ...base, keywords: ['robot', '海邊'], language: 'en' as const };
    const a = await writeConcepts(p, jobContext());
    const b = await writeConcepts(p, jobContext());
    expect(a.concepts).toEqual(b.concepts);
    for (const c of a.concepts) {
      expect(c.world).toMatch(/robot|海邊/);
      expect(c.backstory).toMatch(/^[A-Z]/);
      expect(c.look.length).toBeGreaterThan(60);
    }
    const other = await writeConcepts({ ...p, keywords: ['wizard', 'desert'] }, jobContext());
    expect(other.concepts[0]!.world).not.toEqual(a.concepts[0]!.world);
  });

  it('rewrites a backstory by continuing it, in the character’s language', async () => {
    const out = await rewriteCharacter(
      { ...base, field: 'backstory', language: 'zh-TW', character: { name: '小滿・旅人', world: '霧港', backstory: '小滿離開了家鄉。', look: '背包', keywords: ['燈籠'] } },
      jobContext(),
    );
    expect(out.draft).toBe(true);
    expect(out.text.startsWith('小滿離開了家鄉。')).toBe(true);
    expect(out.text).toContain('燈籠');
    expect(out.text.length).toBeGreaterThan('小滿離開了家鄉。'.length + 20);
  });
});

interface GenerateBody {
  contents: { parts: { text?: string }[] }[];
  systemInstruction?: { parts: { text?: string }[] };
  generationConfig?: { responseMimeType?: string };
}

const CONCEPTS = {
  concepts: [
    { name: '林小燈', world: '燈籠城裡，貓咪守護夜市。', backstory: '她從小在夜市長大，學會了和貓咪說話。', look: '紅色短外套，貓耳帽。' },
    { name: '阿鐵', world: '蒸氣龐克港口。', backstory: '他是修理機械貓的學徒。', look: '護目鏡、皮手套。' },
    { name: '米露', world: '漂浮的夜市島。', backstory: '她在島與島之間送貨。', look: '大背包、黃色圍巾。' },
  ],
};

let answer: 'good' | 'two' = 'good';
const suite = fakeSuite('kingjam-concepts-gemini-', () => (req: Seen, res) => {
  if (!/^\/v1beta\/models\/[^/:]+:generateContent$/.test(req.path)) return sendJson(res, 404, { error: { code: 404, message: 'not found', status: 'NOT_FOUND' } });
  const body = answer === 'good' ? CONCEPTS : { concepts: CONCEPTS.concepts.slice(0, 2) };
  sendJson(res, 200, geminiAnswer(JSON.stringify(body)));
});
const secrets = (): Record<string, string> => ({ GEMINI_API_KEY: 'AIzaSy-test-key', KINGJAM_GEMINI_BASE_URL: suite.fake.url });

describe('the Prompt-Board on Gemini (own key, loopback generateContent)', () => {
  it('asks for three concepts from the keywords in Traditional Chinese and returns the validated answer', async () => {
    answer = 'good';
    const out = await writeConcepts({ provider: 'gemini', timeoutMs: 30_000, keywords: ['貓咪', '夜市'], language: 'zh-TW' }, jobContext(secrets()));
    expect(out).toMatchObject({ provider: 'gemini', draft: false });
    expect(out.concepts.map((c) => c.name)).toEqual(['林小燈', '阿鐵', '米露']);
    const call = suite.fake.seen[0]!;
    expect(call.headers['x-goog-api-key']).toBe('AIzaSy-test-key');
    const body = call.json as GenerateBody;
    const prompt = body.contents.flatMap((c) => c.parts).map((p) => p.text ?? '').join('\n');
    expect(prompt).toContain('"貓咪", "夜市"');
    expect(prompt).toContain('exactly 3');
    expect(prompt).toContain('Traditional Chinese');
    expect(body.generationConfig?.responseMimeType).toBe('application/json');
  });

  it('refuses an answer with two concepts, after asking once more for a valid one', async () => {
    answer = 'two';
    const err = await writeConcepts({ provider: 'gemini', timeoutMs: 30_000, keywords: ['robot'], language: 'en' }, jobContext(secrets())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).code).toBe('MODEL_OUTPUT_INVALID');
    expect(suite.fake.seen.length).toBe(2);
  });
});
