import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { triggerSchema, type TriggerInput, type TriggerPreview } from '../../../shared/kol/triggers.js';
import { api, errorInfoOf } from '../../api/index.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { errorDetail } from '../../lib/serverText.js';

/** How long the form waits after the last keystroke before asking main for a preview. */
const DEBOUNCE_MS = 700;

/** What the trigger being edited would do now: the next cron runs, the feed items it would fire, the threshold's value. Nothing is recorded. */
export function PreviewPanel({ trigger, timeZone }: { trigger: TriggerInput; timeZone: string }) {
  const t = useT();
  const language = useLanguage();
  const [preview, setPreview] = useState<TriggerPreview | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const key = JSON.stringify(trigger);
  // A trigger still being filled in (a new schedule has no feed yet) would only be refused with the checker's English: wait for it instead.
  const complete = triggerSchema.safeParse(trigger).success;

  useEffect(() => {
    let live = true;
    if (!complete) {
      setPreview(null);
      setError(null);
      return;
    }
    const timer = setTimeout(() => {
      setBusy(true);
      api()
        .call('kol.triggers.preview', { trigger: JSON.parse(key) as TriggerInput })
        .then((p) => live && (setPreview(p), setError(null)))
        .catch((err: unknown) => live && (setPreview(null), setError(errorInfoOf(err))))
        .finally(() => live && setBusy(false));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, complete]);

  const when = (ms: number) => new Date(ms).toLocaleString(language, { timeZone, dateStyle: 'medium', timeStyle: 'short' });

  function body() {
    if (error) return <ErrorText error={error} />;
    if (!preview) return <p className="muted">{t('koltrig.preview.waiting')}</p>;
    switch (preview.type) {
      case 'time':
        return (
          <ol data-testid="trig-preview-runs">
            {preview.nextRuns.map((run) => (
              <li key={run}>{when(run)}</li>
            ))}
          </ol>
        );
      case 'news':
      case 'keyword':
        return (
          <>
            {preview.errors.map((e, i) => (
              <p key={i} className="field__error">
                {errorDetail({ code: 'BAD_INPUT', message: '', key: e.key, ...(e.params ? { params: e.params } : {}) }, t, language)}
              </p>
            ))}
            {preview.items.length === 0 ? <p className="muted">{t('koltrig.preview.noItems')}</p> : null}
            <ul data-testid="trig-preview-items">
              {preview.items.slice(0, 30).map((item) => (
                <li key={`${item.feed}|${item.key}`} data-matches={item.matches}>
                  <span className={item.matches && !item.used ? 'badge badge--succeeded' : 'badge badge--canceled'}>
                    {t(item.used ? 'koltrig.preview.used' : item.matches ? 'koltrig.preview.wouldFire' : 'koltrig.preview.filtered')}
                  </span>{' '}
                  {item.title || item.key}
                </li>
              ))}
            </ul>
          </>
        );
      case 'threshold':
        return (
          <p data-testid="trig-preview-value">
            {t('koltrig.preview.value', { value: preview.value ?? '—' })}
            {preview.average !== null ? ` · ${t('koltrig.preview.average', { average: Math.round(preview.average * 100) / 100, samples: preview.samples })}` : ''}
            {' · '}
            {t(preview.wouldFire ? 'koltrig.preview.wouldFire' : 'koltrig.preview.wouldNotFire')}
          </p>
        );
      case 'custom':
        return <p className="muted">{t('koltrig.preview.custom')}</p>;
    }
  }

  return (
    <section className="card" aria-live="polite" aria-busy={busy} data-testid="trig-preview">
      <h3 className="card__title">{t('koltrig.preview.title')}</h3>
      {body()}
    </section>
  );
}
