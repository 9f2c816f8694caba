import { useEffect, useState } from 'react';
import { z } from 'zod';
import { useT } from '../../i18n/index.js';
import { useNavigationStore } from '../../stores/navigationStore.js';
import { optionalCall } from './optionalCall.js';

/** The session key the 3D builder reads the character to start from (issue 16, the builder3d page). */
export const BUILDER3D_CHARACTER_KEY = 'kingjam.builder3d.character';

/** What the 3D builder's `mesh.models` answers per model; read defensively, the call is another area's. */
const modelsSchema = z.array(z.object({ id: z.string(), name: z.string(), status: z.string(), bestScore: z.number().nullable().optional(), previewUrl: z.string().optional() }));
type ModelRow = z.infer<typeof modelsSchema>[number];

/** The 3D builder's list of the models made from a character (empty before that area is merged). */
async function meshModels(characterId: string): Promise<ModelRow[]> {
  return (await optionalCall('mesh.models', { characterId }, modelsSchema)) ?? [];
}

/** The 3D models made from this character, and the way to make one. */
export function ModelsPanel({ characterId }: { characterId: string }) {
  const t = useT();
  const go = useNavigationStore((s) => s.go);
  const [models, setModels] = useState<ModelRow[]>([]);
  useEffect(() => {
    let live = true;
    void meshModels(characterId).then((rows) => live && setModels(rows));
    return () => {
      live = false;
    };
  }, [characterId]);

  function make() {
    try {
      window.sessionStorage.setItem(BUILDER3D_CHARACTER_KEY, characterId);
    } catch {
      // The builder then starts without a character chosen.
    }
    go('builder3d');
  }

  return (
    <section className="card" aria-labelledby="character-models-title" data-testid="character-models">
      <h2 id="character-models-title">{t('character.models.title')}</h2>
      {models.length === 0 ? <p className="muted">{t('character.models.empty')}</p> : null}
      <ul style={{ listStyle: 'none', padding: 0, display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {models.map((m) => (
          <li key={m.id} className="card" data-testid="character-model">
            {m.previewUrl ? <img src={m.previewUrl} alt="" width={120} /> : null}
            <strong>{m.name}</strong> <span className="badge">{m.status}</span>
            {typeof m.bestScore === 'number' ? <span className="muted"> {t('character.models.score', { score: Math.round(m.bestScore) })}</span> : null}
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn--primary" data-testid="character-make-3d" onClick={make}>
        {t('character.models.make')}
      </button>
    </section>
  );
}
