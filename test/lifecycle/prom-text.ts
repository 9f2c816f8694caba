/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for the
 * tests: every family declared once with HELP then TYPE before its samples,
 * sample names that belong to their family (counters ending in _total,
 * histograms as _bucket/_sum/_count with an le label, cumulative buckets
 * ending at +Inf = _count), well-formed labels, no series twice.
 */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
export interface PromFamily {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string;
  samples: PromSample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/;
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\\\|\\"|\\n)*)"(,|$)/;

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const m = LABEL.exec(rest);
    if (!m) throw new Error(`bad labels in: ${line}`);
    if (m[1]! in labels) throw new Error(`label ${m[1]} twice in: ${line}`);
    labels[m[1]!] = m[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    rest = rest.slice(m[0].length);
  }
  return labels;
}

function parseValue(text: string, line: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`bad value in: ${line}`);
  return Number(text);
}

export function parsePromText(text: string): Map<string, PromFamily> {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const families = new Map<string, PromFamily>();
  const seen = new Set<string>();
  let current: PromFamily | null = null;
  let pendingHelp: { name: string; help: string } | null = null;
  for (const line of text.slice(0, -1).split('\n')) {
    if (line.startsWith('# HELP ')) {
      const [, , n = '', ...help] = line.split(' ');
      if (!NAME.test(n) || families.has(n)) throw new Error(`bad or repeated HELP: ${line}`);
      pendingHelp = { name: n, help: help.join(' ') };
      continue;
    }
    if (line.startsWith('# TYPE ')) {
      const [, , n, type] = line.split(' ');
      if (!pendingHelp || pendingHelp.name !== n) throw new Error(`TYPE without its HELP first: ${line}`);
      if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(type!)) throw new Error(`bad type: ${line}`);
      if (type === 'counter' && !n!.endsWith('_total')) throw new Error(`a counter's name must end in _total: ${n}`);
      current = { name: n!, type: type as PromFamily['type'], help: pendingHelp.help, samples: [] };
      families.set(n!, current);
      pendingHelp = null;
      continue;
    }
    if (line.startsWith('#') || line.trim() === '') throw new Error(`unexpected line: ${JSON.stringify(line)}`);
    const m = SAMPLE.exec(line);
    if (!m || !current) throw new Error(`sample outside a family or malformed: ${line}`);
    const name = m[1]!;
    const allowed = current.type === 'histogram' ? ['_bucket', '_sum', '_count'].map((s) => current!.name + s) : [current.name];
    if (!allowed.includes(name)) throw new Error(`sample ${name} does not belong to family ${current.name}`);
    const labels = parseLabels(m[3] ?? '', line);
    if (name.endsWith('_bucket') && !('le' in labels)) throw new Error(`bucket without le: ${line}`);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seen.has(key)) throw new Error(`series twice: ${line}`);
    seen.add(key);
    current.samples.push({ name, labels, value: parseValue(m[4]!, line) });
  }
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f);
  return families;
}

function checkHistogram(f: PromFamily): void {
  const groups = new Map<string, PromSample[]>();
  for (const s of f.samples) {
    const { le: _le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const samples of groups.values()) {
    const buckets = samples.filter((s) => s.name.endsWith('_bucket'));
    const count = samples.find((s) => s.name.endsWith('_count'));
    if (!count || !samples.some((s) => s.name.endsWith('_sum'))) throw new Error(`${f.name}: a series lacks _sum or _count`);
    const les = buckets.map((b) => parseValue(b.labels.le!, b.labels.le!));
    for (let i = 1; i < buckets.length; i++) {
      if (!(les[i]! > les[i - 1]!)) throw new Error(`${f.name}: buckets out of order`);
      if (buckets[i]!.value < buckets[i - 1]!.value) throw new Error(`${f.name}: buckets not cumulative`);
    }
    if (les.at(-1) !== Infinity || buckets.at(-1)!.value !== count.value) throw new Error(`${f.name}: the +Inf bucket must equal _count`);
  }
}

/** One sample's value by name and labels (exactly those labels); undefined when absent. */
export function valueOf(families: Map<string, PromFamily>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const f of families.values()) {
    const s = f.samples.find((x) => x.name === name && JSON.stringify(Object.entries(x.labels).sort()) === JSON.stringify(Object.entries(labels).sort()));
    if (s) return s.value;
  }
  return undefined;
}
