import { create } from 'zustand';
import type { ErrorInfo } from '../../shared/errors.js';
import type { PersonaView } from '../../shared/kol/persona.js';
import type { AgencyClient } from '../../shared/partners.js';
import type { PublishAccountView } from '../../shared/publish/post.js';
import { api, errorInfoOf } from '../api/index.js';

/**
 * The KOL personas with what the Personas and Review pages show beside them:
 * the agency's clients (Connections) and the publish accounts a persona posts to.
 */
interface KolPersonaState {
  personas: PersonaView[];
  clients: AgencyClient[];
  accounts: PublishAccountView[];
  loading: boolean;
  error: ErrorInfo | null;
  load(): Promise<void>;
  /** A persona main answered with (created, updated): replaces or adds it. */
  received(persona: PersonaView): void;
  removed(id: string): void;
}

export const useKolPersonaStore = create<KolPersonaState>((set, get) => {
  let ticket = 0;
  return {
    personas: [],
    clients: [],
    accounts: [],
    loading: true,
    error: null,

    async load() {
      const mine = ++ticket;
      set({ error: null });
      try {
        // Clients and accounts only decorate the list: a failure there must not hide the personas.
        const [personas, clients, accounts] = await Promise.all([
          api().call('kol.personas.list', { includeArchived: false }),
          api().call('connections.clients', {}).catch(() => [] as AgencyClient[]),
          api().call('publish.accounts', { refresh: false }).catch(() => [] as PublishAccountView[]),
        ]);
        if (mine === ticket) set({ personas, clients, accounts, loading: false });
      } catch (err) {
        if (mine === ticket) set({ loading: false, error: errorInfoOf(err) });
      }
    },

    received(persona) {
      const list = get().personas;
      set({ personas: list.some((p) => p.id === persona.id) ? list.map((p) => (p.id === persona.id ? persona : p)) : [...list, persona] });
    },

    removed(id) {
      set({ personas: get().personas.filter((p) => p.id !== id) });
    },
  };
});
