import type { PersonaSettings } from '../../shared/kol/persona.js';
import type { DraftScores } from '../../shared/kol/scores.js';
import type { PublishPlatform } from '../../shared/publish/platforms.js';
import { RiskRuleService } from './risk-rules.js';
import type { KolStore } from './store.js';

/** What a draft is scored on: its text, and the persona's voice and last posts. */
export interface ScoreRequest {
  personaId: string;
  /** The post scored again after an edit (its own earlier text is no duplicate); null for a new one. */
  postId: string | null;
  persona: PersonaSettings;
  title: string;
  content: string;
  tags: string[];
}

/** Scores a draft (quality, risk, AI-likeness with their reasons); tests may hand in their own. */
export interface DraftScorer {
  score(request: ScoreRequest): DraftScores;
}

/**
 * The scorer of src/shared/kol/score/ against the agency's risk rules as
 * they are when the draft is saved: the persona's last 50 posts for
 * duplication, its first account's platform for the length limit, its
 * language for the rules' regions and the readability checks.
 */
export function agencyScorer(kol: KolStore, now: () => number): DraftScorer {
  const rules = new RiskRuleService(kol.store, now);
  const platformOf = kol.store.sqlite.prepare('SELECT platform FROM publish_accounts WHERE id = ?');
  return {
    score(r) {
      const first = r.persona.accountIds[0];
      const platform = first === undefined ? null : ((platformOf.get(first) as { platform: PublishPlatform } | undefined)?.platform ?? null);
      return rules.score({
        text: r.content,
        title: r.title,
        platform,
        language: r.persona.tone.language,
        recentTexts: kol.recentContents(r.personaId, 50, r.postId ?? undefined),
      });
    },
  };
}
