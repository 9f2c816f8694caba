import { create } from 'zustand';
import type { CharacterSummary, CharacterView, ConceptsAnswerView } from '../../shared/api/character-contract.js';
import type { ConceptProvider } from '../../shared/creator/jobs.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { Language } from '../../shared/settings.js';
import { api, errorInfoOf } from '../api/index.js';

/**
 * The Characters page's data: the list, the character open on its page (kept
 * live by `character.updated`), and the Prompt-Board's last answer. `view`
 * says which of the three the page shows: the list, the board, or a character.
 */
export type CharacterScreen = { kind: 'list' } | { kind: 'board' } | { kind: 'character'; id: string };

interface CharacterState {
  screen: CharacterScreen;
  list: CharacterSummary[] | null;
  open: CharacterView | null;
  concepts: ConceptsAnswerView | null;
  writing: boolean;
  error: ErrorInfo | null;
  show(screen: CharacterScreen): void;
  load(): Promise<void>;
  /** `character.updated`: the list, and the open character when it is the one that changed. */
  updated(id: string): void;
  writeConcepts(keywords: string[], language: Language, provider: ConceptProvider): Promise<void>;
  setOpen(view: CharacterView): void;
  setError(error: unknown): void;
}

export const useCharacterStore = create<CharacterState>((set, get) => ({
  screen: { kind: 'list' },
  list: null,
  open: null,
  concepts: null,
  writing: false,
  error: null,

  show(screen) {
    set({ screen, error: null, ...(screen.kind === 'character' && get().open?.id !== screen.id ? { open: null } : {}) });
    if (screen.kind === 'character') {
      void api()
        .call('character.get', { id: screen.id })
        .then((open) => set({ open }))
        .catch((err: unknown) => set({ error: errorInfoOf(err) }));
    }
  },

  async load() {
    try {
      set({ list: await api().call('character.list', {}) });
    } catch (err) {
      set({ error: errorInfoOf(err) });
    }
  },

  updated(id) {
    void get().load();
    const screen = get().screen;
    if (screen.kind === 'character' && screen.id === id) {
      void api()
        .call('character.get', { id })
        .then((open) => set({ open }))
        // The character was deleted: back to the list.
        .catch(() => set({ screen: { kind: 'list' }, open: null }));
    }
  },

  async writeConcepts(keywords, language, provider) {
    set({ writing: true, error: null, concepts: null });
    try {
      set({ concepts: await api().call('character.concepts', { keywords, language, provider }) });
    } catch (err) {
      set({ error: errorInfoOf(err) });
    } finally {
      set({ writing: false });
    }
  },

  setOpen(open) {
    set({ open, error: null });
  },

  setError(error) {
    set({ error: errorInfoOf(error) });
  },
}));
