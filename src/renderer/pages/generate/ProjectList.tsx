import { useEffect } from 'react';
import type { ProjectKind } from '../../../shared/generate/projects.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { useGenerateStore } from '../../stores/generateStore.js';
import { ProjectStatus } from './ProjectStatus.js';

/** Past projects of one kind, newest first; choosing one shows it. */
export function ProjectList({ kind, title }: { kind: ProjectKind; title: string }) {
  const t = useT();
  const language = useLanguage();
  const ids = useGenerateStore((s) => s.lists[kind]);
  const projects = useGenerateStore((s) => s.projects);
  const error = useGenerateStore((s) => s.listErrors[kind]);
  const selected = useGenerateStore((s) => s.selected[kind]);
  const loadList = useGenerateStore((s) => s.loadList);
  const select = useGenerateStore((s) => s.select);

  useEffect(() => {
    void loadList(kind);
  }, [kind, loadList]);

  return (
    <aside className="card gen-past" data-testid={`${kind}-past`} aria-label={title}>
      <h2 className="card__title">{title}</h2>
      {error && !ids ? (
        <ErrorPanel error={error} onRetry={() => void loadList(kind)} />
      ) : !ids ? (
        <SkeletonRows rows={4} testId={`${kind}-past-loading`} />
      ) : ids.length === 0 ? (
        <p className="muted" data-testid={`${kind}-past-empty`}>
          {t('gen.past.empty')}
        </p>
      ) : (
        <ul className="gen-past__list">
          {ids.map((id) => {
            const p = projects[id];
            if (!p) return null;
            return (
              <li key={id}>
                <button
                  type="button"
                  className={id === selected ? 'gen-past__item gen-past__item--active' : 'gen-past__item'}
                  aria-current={id === selected ? 'true' : undefined}
                  data-testid="past-item"
                  onClick={() => select(kind, id)}
                >
                  <span className="gen-past__title">{p.title}</span>
                  <span className="gen-past__meta">
                    <ProjectStatus status={p.status} />
                    <span className="muted">{formatDateTime(p.createdAt, language)}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </aside>
  );
}
