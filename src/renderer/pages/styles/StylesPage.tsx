import { useEffect } from 'react';
import { api } from '../../api/index.js';
import { ErrorText } from '../../components/ErrorText.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useT } from '../../i18n/index.js';
import { useStyleStore } from '../../stores/styleStore.js';
import { CreateStyle } from './CreateStyle.js';
import { ScorePanel } from './ScorePanel.js';
import { StyleEditor } from './StyleEditor.js';
import { StyleFeatures } from './StyleFeatures.js';

/** The Style-Locker (issue 16): extract a style from library images, see what was measured, edit and lock it, score images against it. */
export function StylesPage() {
  const t = useT();
  const { styles, selected, error, load, select } = useStyleStore();
  useEffect(() => {
    void load();
  }, [load]);
  const style = styles?.find((s) => s.id === selected) ?? null;

  return (
    <div className="page" data-testid="styles-page">
      <PageHeader title={t('style.nav')} subtitle={t('style.subtitle')} />
      {error ? <ErrorText error={error} messageTestId="style-error" /> : null}
      <div className="style-layout" style={{ display: 'grid', gridTemplateColumns: 'minmax(220px, 1fr) 3fr', gap: 16 }}>
        <aside>
          {styles && styles.length === 0 ? <p className="muted">{t('style.empty')}</p> : null}
          <ul data-testid="style-list">
            {(styles ?? []).map((s) => (
              <li key={s.id}>
                <button type="button" className={s.id === selected ? 'btn btn--ghost is-active' : 'btn btn--ghost'} data-testid="style-item" data-status={s.status} onClick={() => void select(s.id)}>
                  {s.name} · {s.status === 'extracting' ? t('style.extracting') : s.status === 'failed' ? t('style.failed') : s.locked ? t('style.locked') : t('style.unlocked')}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="btn" data-testid="style-new" onClick={() => void select(null)}>
            {t('style.new')}
          </button>
        </aside>
        <main>
          {!style ? (
            <CreateStyle />
          ) : (
            <section className="card" data-testid="style-detail" data-locked={style.locked} data-status={style.status}>
              <h2 className="card__title">
                {style.name} · <span data-testid="style-state">{style.status === 'extracting' ? t('style.extracting') : style.locked ? t('style.locked') : t('style.unlocked')}</span>
              </h2>
              {style.error ? <ErrorText error={style.error} /> : null}
              <button type="button" className="btn btn--ghost btn--small" data-testid="style-delete" onClick={() => void useStyleStore.getState().act(() => api().call('style.delete', { id: style.id })).then(() => select(null))}>
                {t('style.delete')}
              </button>
              {style.features ? <StyleFeatures features={style.features} /> : null}
              {style.status === 'ready' ? <StyleEditor style={style} /> : null}
              {style.status === 'ready' ? <ScorePanel style={style} /> : null}
            </section>
          )}
        </main>
      </div>
    </div>
  );
}
