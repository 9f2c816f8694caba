import { useMemo } from 'react';
import type { PhotoRunKind, PhotoRunView } from '../../../shared/api/photo-contract.js';
import { api } from '../../api/index.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { usePhotoStore } from '../../stores/photoStore.js';

/** How many earlier runs a tool lists (the store keeps the newest 20 of all tools). */
const SHOWN = 8;

/** The picture that stands for a run: the chosen variant, else the first one, else the repaired photo. */
function coverOf(run: PhotoRunView): string | null {
  const chosen = run.variants.find((v) => v.seed === run.chosenSeed) ?? run.variants[0];
  return chosen?.file ?? run.repair?.after ?? null;
}

/**
 * A tool's earlier runs, newest first, so what was made before a reload (or
 * in another window, or by `kingjam photo`) is one click away: opening one
 * shows it in the run panel, with its chooser, chosen photo and motion.
 */
export function EarlierRuns({ kind, current, onOpen }: { kind: PhotoRunKind; current: string | null; onOpen(id: string): void }) {
  const t = useT();
  const language = useLanguage();
  // Both picked as they are (a selector that builds a new array each time would render for ever).
  const order = usePhotoStore((s) => s.runOrder);
  const byId = usePhotoStore((s) => s.runs);
  const runs = useMemo(() => order.flatMap((id) => (byId[id]?.kind === kind && id !== current ? [byId[id]] : [])).slice(0, SHOWN), [order, byId, kind, current]);
  if (runs.length === 0) return null;
  return (
    <section className="card photo-step" aria-labelledby={`photo-earlier-${kind}`} data-testid={`photo-earlier-${kind}`}>
      <h3 className="photo-step__title" id={`photo-earlier-${kind}`}>
        {t('photo.earlier.title')}
      </h3>
      <ul className="photo-earlier">
        {runs.map((run) => {
          const cover = coverOf(run);
          const when = formatDateTime(run.createdAt, language);
          return (
            <li key={run.id}>
              <button type="button" className="photo-earlier__run" data-testid="photo-earlier-run" data-run-id={run.id} data-status={run.status} onClick={() => onOpen(run.id)} aria-label={t('photo.earlier.open', { time: when })}>
                {cover ? <img className="photo-earlier__img" src={api().mediaUrl(cover)} alt="" loading="lazy" /> : <span className="photo-earlier__img photo-earlier__img--none" />}
                <span className="photo-earlier__when">{when}</span>
                <span className="photo-earlier__what muted">
                  {t(`status.${run.status}`)}
                  {run.variants.length > 0 ? ` · ${t('photo.earlier.variants', { count: run.variants.length })}` : ''}
                  {run.chosenSeed !== null ? ` · ${t('photo.results.chosen')}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
