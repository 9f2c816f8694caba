import { Skeleton } from '../../components/Skeleton.js';

/** Stands in for the filmstrip and the summary while a timeline opens. */
export function TimelineSkeleton() {
  return (
    <div className="video-layout" data-testid="video-loading" aria-busy="true">
      <div className="video-layout__main">
        <div className="card">
          <Skeleton className="skeleton--line skeleton--short" />
          <div className="filmstrip">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="scene-card scene-card--skeleton" />
            ))}
          </div>
        </div>
      </div>
      <div className="card video-summary">
        <Skeleton className="skeleton--row" />
        <Skeleton className="skeleton--row" />
        <Skeleton className="skeleton--row" />
      </div>
    </div>
  );
}
