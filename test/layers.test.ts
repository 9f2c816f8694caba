import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layer table of ARCHITECTURE.md: the folder a file is in decides what
 * it may import. Relative imports are resolved to the folder they land in.
 */
interface Rule {
  layer: string;
  forbidLayers: string[];
  forbidPackages: RegExp[];
}

const NODE_BUILTIN = /^(node:|(fs|path|os|child_process|crypto|http|https|net|tls|dgram|worker_threads|stream|url|util|zlib|events|buffer|process|module|readline|timers|perf_hooks|v8|vm|cluster|dns)(\/|$))/;

const RULES: Rule[] = [
  { layer: 'src/shared', forbidLayers: ['src/main', 'src/workers', 'src/renderer', 'src/preload', 'src/node'], forbidPackages: [NODE_BUILTIN, /^electron$/, /^better-sqlite3$/, /^kysely$/, /^react/, /^sharp$/] },
  { layer: 'src/node', forbidLayers: ['src/main', 'src/workers', 'src/renderer', 'src/preload'], forbidPackages: [/^electron$/, /^better-sqlite3$/, /^kysely$/, /^react/] },
  { layer: 'src/workers', forbidLayers: ['src/main', 'src/renderer', 'src/preload'], forbidPackages: [/^electron$/, /^better-sqlite3$/, /^kysely$/, /^react/] },
  { layer: 'src/renderer', forbidLayers: ['src/main', 'src/workers', 'src/preload', 'src/node'], forbidPackages: [NODE_BUILTIN, /^electron$/, /^better-sqlite3$/, /^kysely$/, /^sharp$/, /^ws$/] },
  { layer: 'src/preload', forbidLayers: ['src/main', 'src/workers', 'src/renderer', 'src/node'], forbidPackages: [/^better-sqlite3$/, /^kysely$/] },
  { layer: 'src/main/electron', forbidLayers: ['src/workers', 'src/renderer', 'src/preload'], forbidPackages: [] },
  { layer: 'src/main', forbidLayers: ['src/workers', 'src/renderer', 'src/preload'], forbidPackages: [/^electron$/, /^react/] },
  { layer: 'cloud-sync', forbidLayers: ['src/main', 'src/workers', 'src/renderer', 'src/preload', 'src/node'], forbidPackages: [/^electron$/, /^react/] },
];

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

export function violations(root: string, files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const rule = RULES.find((r) => rel.startsWith(`${r.layer}/`));
    if (!rule) continue;
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4]!;
      if (spec.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep).join('/');
        const bad = rule.forbidLayers.find((l) => target === l || target.startsWith(`${l}/`));
        // A folder may import itself: src/main/electron is inside src/main, which forbids nothing of src/main.
        if (bad && !target.startsWith(`${rule.layer}/`)) found.push(`${rel} imports ${spec} (${bad})`);
      } else if (rule.forbidPackages.some((p) => p.test(spec))) {
        found.push(`${rel} imports ${spec}`);
      }
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sourceFiles(p);
    return /\.(ts|tsx|mts|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

const ROOT = path.resolve(import.meta.dirname, '..');

describe('layer table', () => {
  it('holds for every source file', () => {
    const files = [...sourceFiles(path.join(ROOT, 'src')), ...sourceFiles(path.join(ROOT, 'cloud-sync', 'src'))];
    expect(files.length).toBeGreaterThan(20);
    expect(violations(ROOT, files)).toEqual([]);
  });

  it('catches a renderer importing node:fs and a worker importing the store', () => {
    const dir = fs.mkdtempSync(path.join(ROOT, 'test', '.layers-'));
    try {
      const renderer = path.join(dir, 'src/renderer/Bad.tsx');
      const worker = path.join(dir, 'src/workers/bad.ts');
      const main = path.join(dir, 'src/main/bad.ts');
      for (const f of [renderer, worker, main]) fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(renderer, "import fs from 'node:fs';\nexport const x = fs;\n");
      fs.writeFileSync(worker, "import { openStore } from '../main/store/db.js';\nexport const y = openStore;\n");
      fs.writeFileSync(main, "import { app } from 'electron';\nexport const z = app;\n");
      expect(violations(dir, [renderer, worker, main])).toEqual([
        'src/renderer/Bad.tsx imports node:fs',
        'src/workers/bad.ts imports ../main/store/db.js (src/main)',
        'src/main/bad.ts imports electron',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
