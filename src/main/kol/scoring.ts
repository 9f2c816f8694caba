import type { PersonaSettings } from '../../shared/kol/persona.js';
import type { DraftScores } from '../../shared/kol/scores.js';

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

/**
 * Scores a draft (quality, risk, AI-likeness with their reasons). The scorer
 * of src/shared/kol/score/ plugs in here; until it does, drafts are stored
 * with no scores (null), which the queue shows as "not scored".
 */
export interface DraftScorer {
  score(request: ScoreRequest): DraftScores | null;
}

export const NO_SCORES: DraftScorer = { score: () => null };
