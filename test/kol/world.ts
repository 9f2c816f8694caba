import { createHandlers, type Handlers } from '../../src/main/api/handlers.js';
import type { StudioOptions } from '../../src/main/studio.js';
import type { Studio } from '../../src/main/studio.js';
import type { PersonaInput } from '../../src/shared/kol/persona.js';
import { contractCalls } from '../helpers/calls.js';
import { openTestStudio, tempHome } from '../helpers/studio.js';
import { seedAccounts, type SeedAccount } from '../publish/bulk-fixtures.js';

/** A clock the test moves by hand (undo windows, free slots). */
export function handClock(start: number) {
  let t = start;
  return { now: () => t, set: (ms: number) => void (t = ms), advance: (ms: number) => void (t += ms) };
}

/**
 * A studio on a temp data folder with the job queue stopped (nothing here
 * publishes), its publish accounts seeded as a vault refresh leaves them,
 * and the contract's calls through the real handlers.
 */
export function kolWorld(options: { accounts?: SeedAccount[]; now?: () => number; extra?: Partial<StudioOptions> } = {}) {
  const home = tempHome('kingjam-kol-');
  const studio: Studio = openTestStudio(home, {}, false, { ...(options.now ? { kol: { now: options.now } } : {}), ...options.extra });
  const accounts = seedAccounts(studio.store, options.accounts ?? [{ platform: 'facebook', displayName: 'Tea House' }]);
  let handlers: Handlers | null = null;
  const calls = contractCalls(() => (handlers ??= createHandlers(studio, 'web')));
  return { home, studio, accounts, ...calls };
}

export const LIN: PersonaInput = {
  nickname: '林小美',
  persona: '台北的美食部落客，喜歡小吃與咖啡。',
  contentStyle: '輕鬆、口語',
  targetAudience: '25–35 歲上班族',
  expertiseAreas: ['美食', '咖啡'],
  tone: { tone: 'friendly', language: 'zh-TW', emoji: 'some', catchPhrases: ['今天吃什麼'], avoid: [], signature: '#合作' },
};
