/** A shimmering placeholder while data loads. */
export function Skeleton({ className, testId }: { className?: string; testId?: string }) {
  return <div className={className ? `skeleton ${className}` : 'skeleton'} data-testid={testId} aria-hidden="true" />;
}

/** A few skeleton lines standing in for a list. */
export function SkeletonRows({ rows = 3, testId }: { rows?: number; testId?: string }) {
  return (
    <div className="skeleton-rows" data-testid={testId} aria-busy="true">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="skeleton--row" />
      ))}
    </div>
  );
}
