import { useCallback, useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { GenCallView } from '../../../shared/gateway.js';
import { api, errorInfoOf } from '../../api/index.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { LoadMore } from '../../components/LoadMore.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { generationLine } from './generationLine.js';

interface ListState {
  calls: GenCallView[];
  nextCursor: string | null;
  loaded: boolean;
  loading: boolean;
  error: ErrorInfo | null;
}

/** Each generation through KingJam Cloud (wallet.generations), newest first, in the user's language. */
export function GenerationsList({ online }: { online: boolean }) {
  const t = useT();
  const language = useLanguage();
  const [state, setState] = useState<ListState>({ calls: [], nextCursor: null, loaded: false, loading: true, error: null });

  const load = useCallback(async (cursor?: string) => {
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const page = await api().call('wallet.generations', cursor ? { cursor } : {});
      setState((s) => ({ calls: cursor ? [...s.calls, ...page.calls] : page.calls, nextCursor: page.nextCursor, loaded: true, loading: false, error: null }));
    } catch (err) {
      setState((s) => ({ ...s, loading: false, error: errorInfoOf(err) }));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, online]);

  function body() {
    if (state.error && state.calls.length === 0) return <ErrorPanel error={state.error} onRetry={() => void load()} testId="generations-error" />;
    if (!state.loaded) return <SkeletonRows rows={3} testId="generations-loading" />;
    if (state.calls.length === 0) return <p className="muted" data-testid="generations-empty">{t('choices.gen.empty')}</p>;
    return (
      <>
        <ul className="generations">
          {state.calls.map((call) => (
            <li key={call.id} className="generations__row" data-testid="generation" data-status={call.status}>
              <span className="generations__when">{formatDateTime(call.created_at, language)}</span>
              <span data-testid="generation-line">{generationLine(call, t, language)}</span>
            </li>
          ))}
        </ul>
        {state.nextCursor ? <LoadMore testId="generations-more" loading={state.loading} onLoad={() => void load(state.nextCursor ?? undefined)} /> : null}
      </>
    );
  }

  return (
    <section className="card card--full" data-testid="generations">
      <h2 className="card__title">{t('choices.gen.title')}</h2>
      {body()}
    </section>
  );
}
