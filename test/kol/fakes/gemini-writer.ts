import { sendJson, startFake, type FakeServer } from '../../providers/fake-server.js';
import { geminiAnswer } from '../../providers/fake-server.js';

/**
 * A loopback Gemini API (v1beta `models/{model}:generateContent`) that writes
 * KOL posts: the post's JSON as the one text part, as Gemini answers a call
 * with a response schema. A test chooses topics that fail with Google's 500
 * body and a topic that never answers; the fake counts requests per topic and
 * the most it served at once.
 */
export interface GeminiWriter {
  fake: FakeServer;
  /** Calls per topic (every attempt, the provider's own retries included). */
  calls: Map<string, number>;
  inFlight: number;
  maxInFlight: number;
  /** Answers wait this long (so items overlap and the concurrency shows). */
  delayMs: number;
}

export async function startGeminiWriter(options: { failing: Set<string>; hanging: Set<string>; delayMs?: number }): Promise<GeminiWriter> {
  const state = { calls: new Map<string, number>(), inFlight: 0, maxInFlight: 0, delayMs: options.delayMs ?? 30 } as Omit<GeminiWriter, 'fake'>;
  const fake = await startFake(async (req, res) => {
    const body = req.json as { contents?: { parts?: { text?: string }[] }[] } | null;
    const prompt = body?.contents?.flatMap((c) => c.parts ?? []).map((p) => p.text ?? '').join('\n') ?? '';
    const topic = /Write one social media post about: (.+)/.exec(prompt)?.[1]?.trim() ?? '';
    if (!/^\/v1beta\/models\/[^/:]+:generateContent$/.test(req.path) || !topic) {
      return sendJson(res, 404, { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } });
    }
    state.calls.set(topic, (state.calls.get(topic) ?? 0) + 1);
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    res.on('close', () => {
      state.inFlight -= 1;
    });
    if (options.hanging.has(topic)) return; // never answers; the client gives up at its deadline
    await new Promise((r) => setTimeout(r, state.delayMs));
    if (options.failing.has(topic)) {
      return sendJson(res, 500, { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } });
    }
    const post = { title: `${topic}: what I learned`, contentMd: `Here is my **honest** take on ${topic}, after trying it for a month. It is worth it.`, tags: ['kol', topic.replace(/\W+/g, '')] };
    sendJson(res, 200, geminiAnswer(JSON.stringify(post)));
  });
  return Object.assign(state, { fake }) as GeminiWriter;
}
