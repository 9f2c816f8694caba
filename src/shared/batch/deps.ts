import type { BatchItem, BatchProblem } from './job-file.js';

/**
 * Items of a job file that depend on others (docs/batch.md): `after: [ID…]`
 * and inputs `{ "from": ID }` (another item's output). A dependent item waits
 * for its dependencies and is skipped when one of them did not succeed; ids
 * that name no item and cycles are problems of the file, so nothing runs.
 */

/** Each `{ from }` input of an item, with the field it is at (`image`, `photos.1`, `media.0`). */
export function fromRefs(item: BatchItem): { field: string; from: string }[] {
  const found: { field: string; from: string }[] = [];
  const walk = (value: unknown, at: string[]): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, String(i)]));
    else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === 'from' && typeof (value as { from: unknown }).from === 'string') found.push({ field: at.join('.'), from: (value as { from: string }).from });
      else for (const k of keys) walk((value as Record<string, unknown>)[k], [...at, k]);
    }
  };
  walk(item, []);
  return found;
}

/** The ids an item waits for: its `after` and its `from` inputs, each once, in the order written. */
export function dependenciesOf(item: BatchItem): string[] {
  return [...new Set([...(item.after ?? []), ...fromRefs(item).map((r) => r.from)])];
}

/** Unknown ids (`ids`: every id the file gives, valid items or not) and each cycle once (a problem of the item it starts from), in the file's order. */
export function dependencyProblems(items: BatchItem[], ids: ReadonlySet<string>): BatchProblem[] {
  const problems: BatchProblem[] = [];
  for (const item of items) {
    (item.after ?? []).forEach((id, i) => {
      if (!ids.has(id)) problems.push({ item: item.id, field: `after.${i}`, key: 'batch.problem.unknownDependency', params: { id } });
    });
    for (const r of fromRefs(item)) if (!ids.has(r.from)) problems.push({ item: item.id, field: `${r.field}.from`, key: 'batch.problem.unknownDependency', params: { id: r.from } });
  }
  const byId = new Map(items.map((i) => [i.id, i]));
  // Depth-first: an item met again while still on the path closes a cycle.
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    path.push(id);
    for (const dep of dependenciesOf(byId.get(id)!)) {
      if (!byId.has(dep)) continue;
      if (state.get(dep) === 'open') {
        const cycle = [...path.slice(path.indexOf(dep)), dep];
        problems.push({ item: dep, field: 'after', key: 'batch.problem.cycle', params: { cycle: cycle.join(' → ') } });
      } else if (!state.has(dep)) visit(dep);
    }
    path.pop();
    state.set(id, 'done');
  };
  for (const item of items) if (!state.has(item.id)) visit(item.id);
  const order = new Map(items.map((it, n) => [it.id, n]));
  return problems.sort((a, b) => (order.get(a.item!) ?? 0) - (order.get(b.item!) ?? 0));
}
