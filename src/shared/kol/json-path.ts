/**
 * The small, safe JSON path subset a threshold trigger reads a number with:
 * `$`, `.name`, `['name']`, `[0]` and `[*]` — nothing is evaluated, no
 * filters or scripts (`$.msgArray[0].v`, `$.items[*].price`).
 */
export type PathSegment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'all' };

export class JsonPathError extends Error {
  constructor(
    readonly path: string,
    readonly at: number,
  ) {
    super(`"${path}" is not a supported JSON path (at character ${at + 1}); use $.a.b[0].c or $.items[*].x`);
    this.name = 'JsonPathError';
  }
}

const NAME = /^[A-Za-z_$][\w$-]*/;

export function parseJsonPath(path: string): PathSegment[] {
  const text = path.trim();
  if (!text.startsWith('$')) throw new JsonPathError(path, 0);
  const segments: PathSegment[] = [];
  let i = 1;
  while (i < text.length) {
    const rest = text.slice(i);
    if (rest.startsWith('.')) {
      const name = NAME.exec(rest.slice(1));
      if (!name) throw new JsonPathError(path, i + 1);
      segments.push({ kind: 'key', key: name[0] });
      i += 1 + name[0].length;
      continue;
    }
    const bracket = /^\[(?:(\d{1,9})|\*|'([^'\\]*)'|"([^"\\]*)")\]/.exec(rest);
    if (!bracket) throw new JsonPathError(path, i);
    if (bracket[1] !== undefined) segments.push({ kind: 'index', index: Number(bracket[1]) });
    else if (bracket[2] !== undefined || bracket[3] !== undefined) segments.push({ kind: 'key', key: bracket[2] ?? bracket[3]! });
    else segments.push({ kind: 'all' });
    i += bracket[0].length;
  }
  return segments;
}

/** Every value the path selects (one, or several through `[*]`); none when a step is missing. */
export function selectJsonPath(root: unknown, segments: readonly PathSegment[]): unknown[] {
  let current: unknown[] = [root];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of current) {
      if (segment.kind === 'all') {
        if (Array.isArray(value)) next.push(...(value as unknown[]));
        else if (value && typeof value === 'object') next.push(...Object.values(value));
      } else if (segment.kind === 'index') {
        if (Array.isArray(value) && segment.index < value.length) next.push(value[segment.index]);
      } else if (value && typeof value === 'object' && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, segment.key)) {
        next.push((value as Record<string, unknown>)[segment.key]);
      }
    }
    current = next;
  }
  return current;
}

/** A number, or a string that is one (`"1085.0000"`, `"23,456"`); `"-"` (no trade yet) and anything else is null. */
export function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/,/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
