import { describe, expect, it } from 'vitest';
import { jobKinds } from '../../src/shared/jobs/kinds.js';
import { finishPost } from '../../src/workers/kol/post.js';
import { offlineKolPost } from '../../src/workers/kol/write-offline.js';
import { TONE_IDS } from '../../src/shared/generate/tones.js';
import { LANGUAGES } from '../../src/shared/settings.js';

function payload(i: number, topic: string) {
  return jobKinds['kol.write'].payload.parse({
    personaId: `p${i}`,
    persona: {
      nickname: `KOL ${i}`,
      persona: `Persona number ${i}`,
      expertiseAreas: [['咖啡', 'coffee'][i % 2]!, `area ${i}`],
      tone: { tone: TONE_IDS[i % TONE_IDS.length], language: LANGUAGES[i % 3], emoji: (['none', 'some', 'many'] as const)[i % 3], catchPhrases: [`catch ${i}`], avoid: ['cheap'], signature: `— KOL ${i}` },
    },
    topic,
    provider: 'offline',
  });
}

describe('the offline KOL writer', () => {
  it('writes 500 posts across 20 personas that all differ, in each persona’s language, with its signature and without its avoided words', () => {
    const posts = Array.from({ length: 500 }, (_, n) => {
      const p = payload(n % 20, `topic ${Math.floor(n / 20)} cheap eats`);
      return { p, post: finishPost(p, offlineKolPost(p)) };
    });
    expect(new Set(posts.map((x) => x.post.content)).size).toBe(500);
    // Not one template stamped 500 times: the opening lines alone take many forms.
    expect(new Set(posts.map((x) => x.post.content.split('\n')[0]!.replace(/topic \d+/, '').replace(/[^\p{L}\s]/gu, ''))).size).toBeGreaterThan(10);
    for (const { p, post } of posts) {
      expect(post.content.endsWith(p.persona.tone.signature)).toBe(true);
      expect(post.content.toLowerCase()).not.toContain('cheap');
      if (p.persona.tone.language === 'en') expect(post.content).toMatch(/[A-Za-z]{4,}/);
      else expect(post.content).toMatch(/[\u4e00-\u9fff]/);
      if (p.persona.tone.emoji === 'none') expect(post.content).not.toMatch(/\p{Extended_Pictographic}/u);
    }
    // The same persona and topic always read the same.
    expect(offlineKolPost(payload(3, 'tea'))).toEqual(offlineKolPost(payload(3, 'tea')));
  });
});
