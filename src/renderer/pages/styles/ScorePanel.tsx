import { useState } from 'react';
import type { StyleProfileView } from '../../../shared/style/profile.js';
import { DRIFT_THRESHOLD } from '../../../shared/style/score.js';
import { api } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { useStyleStore } from '../../stores/styleStore.js';
import { LibraryImagePicker } from '../../components/LibraryImagePicker.js';

/** Score library images against the style, and every image scored so far with its parts and drift flag. */
export function ScorePanel({ style }: { style: StyleProfileView }) {
  const t = useT();
  const act = useStyleStore((s) => s.act);
  const scores = useStyleStore((s) => s.scores);
  const [chosen, setChosen] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  return (
    <section className="card" data-testid="style-score">
      <h3>{t('style.score')}</h3>
      <p className="muted">{t('style.threshold', { threshold: DRIFT_THRESHOLD })} {t('style.scoreSees')}</p>
      <button type="button" className="btn" data-testid="style-score-open" disabled={style.status !== 'ready'} onClick={() => setOpen((o) => !o)}>
        {t('style.scoreFromLibrary')}
      </button>
      {open ? (
        <>
          <LibraryImagePicker chosen={chosen} max={50} testId="style-score-pick" onToggle={(id) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]))} />
          <button
            type="button"
            className="btn btn--primary"
            disabled={chosen.length === 0}
            data-testid="style-score-run"
            onClick={() => void act(() => api().call('style.score', { id: style.id, assetIds: chosen })).then(() => setChosen([]))}
          >
            {t('style.scoreRun')}
          </button>
        </>
      ) : null}
      <h4>{t('style.history')}</h4>
      <ul data-testid="style-scores">
        {scores.map((s) => (
          <li key={s.id} data-testid="style-score-row" data-drift={s.drift}>
            <strong>{t('style.scoreValue', { score: s.score })}</strong> {s.drift ? <span className="badge badge--warn">{t('style.drift')}</span> : <span className="badge badge--ok">{t('style.inStyle')}</span>}{' '}
            <span className="muted">{s.path.split(/[\\/]/).pop()} · {t('style.parts', { palette: s.parts.palette, lines: s.parts.lines, structure: s.parts.structure })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
