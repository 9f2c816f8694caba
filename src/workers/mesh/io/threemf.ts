import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { IndexedMesh } from '../mesh.js';
import { assertTriangleLimit, emptyModel, threemfNoModel, zipUnreadable } from './errors.js';

/**
 * 3MF (3MF Consortium core specification 1.3): an OPC zip holding
 * [Content_Types].xml, _rels/.rels pointing at the model part, and the model
 * XML — objects with a mesh (vertices, triangles) or components, and the
 * build items that place them. Written in millimetres with one object and one
 * build item; read with components and transforms flattened into one mesh.
 */
const CORE_NS = 'http://schemas.microsoft.com/3dmanufacturing/core/2015/02';
const MODEL_REL = 'http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel';
const MODEL_PATH = '3D/3dmodel.model';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/>' +
  '</Types>\n';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Target="/${MODEL_PATH}" Id="rel0" Type="${MODEL_REL}"/>` +
  '</Relationships>\n';

/** Millimetres per unit of each 3MF `unit` value. */
const UNIT_MM: Record<string, number> = { micron: 0.001, millimeter: 1, centimeter: 10, inch: 25.4, foot: 304.8, meter: 1000 };

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Shortest decimal that reads back as the same float32 (9 significant digits always do). */
function num(v: number): string {
  return String(Number(v.toPrecision(9)));
}

export function encode3mf(mesh: IndexedMesh, name: string): Buffer {
  const p = mesh.positions;
  const idx = mesh.indices;
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<model unit="millimeter" xml:lang="en-US" xmlns="${CORE_NS}">\n`,
    `<metadata name="Title">${xmlEscape(name)}</metadata>\n`,
    '<metadata name="Application">KingJam Studio</metadata>\n',
    `<resources>\n<object id="1" type="model" name="${xmlEscape(name)}">\n<mesh>\n<vertices>\n`,
  ];
  for (let v = 0; v < p.length; v += 3) parts.push(`<vertex x="${num(p[v]!)}" y="${num(p[v + 1]!)}" z="${num(p[v + 2]!)}"/>\n`);
  parts.push('</vertices>\n<triangles>\n');
  for (let t = 0; t < idx.length; t += 3) parts.push(`<triangle v1="${idx[t]}" v2="${idx[t + 1]}" v3="${idx[t + 2]}"/>\n`);
  parts.push('</triangles>\n</mesh>\n</object>\n</resources>\n<build>\n<item objectid="1"/>\n</build>\n</model>\n');
  const zipped = zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(RELS),
      [MODEL_PATH]: strToU8(parts.join('')),
    },
    { level: 6 },
  );
  return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
}

type Matrix = number[]; // 3MF's 3×4, row-vector convention: m00 m01 m02 m10 m11 m12 m20 m21 m22 m30 m31 m32
const IDENTITY: Matrix = [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0];

function multiply(a: Matrix, b: Matrix): Matrix {
  // Apply a, then b (row vectors: v·A·B).
  const out: number[] = [];
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 3; c++) {
      let s = r === 3 ? b[9 + c]! : 0;
      for (let k = 0; k < 3; k++) s += a[r * 3 + k]! * b[k * 3 + c]!;
      out.push(s);
    }
  }
  return out;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag);
  return m?.[1];
}

function transform(tag: string): Matrix {
  const t = attr(tag, 'transform');
  if (!t) return IDENTITY;
  const m = t.trim().split(/\s+/).map(Number);
  return m.length === 12 && m.every(Number.isFinite) ? m : IDENTITY;
}

interface ObjectDef {
  positions: Float64Array;
  indices: Uint32Array;
  components: { id: string; transform: Matrix }[];
}

const VERTEX = /<vertex\b[^>]*?\sx\s*=\s*"([^"]*)"[^>]*?\sy\s*=\s*"([^"]*)"[^>]*?\sz\s*=\s*"([^"]*)"/g;
const TRIANGLE = /<triangle\b[^>]*?\sv1\s*=\s*"(\d+)"[^>]*?\sv2\s*=\s*"(\d+)"[^>]*?\sv3\s*=\s*"(\d+)"/g;

function readObject(body: string, file: string): ObjectDef {
  const coords: number[] = [];
  VERTEX.lastIndex = 0;
  for (let m = VERTEX.exec(body); m; m = VERTEX.exec(body)) coords.push(Number(m[1]), Number(m[2]), Number(m[3]));
  const tris: number[] = [];
  TRIANGLE.lastIndex = 0;
  for (let m = TRIANGLE.exec(body); m; m = TRIANGLE.exec(body)) {
    tris.push(Number(m[1]), Number(m[2]), Number(m[3]));
    if (tris.length % 3_000_000 === 0) assertTriangleLimit(file, tris.length / 3);
  }
  const vertices = coords.length / 3;
  if (coords.some((v) => !Number.isFinite(v)) || tris.some((i) => i >= vertices)) throw threemfNoModel(file, 'a vertex is not a number or a triangle names a missing vertex');
  const components = [...body.matchAll(/<component\b[^>]*>/g)].map((c) => ({ id: attr(c[0], 'objectid') ?? '', transform: transform(c[0]) }));
  return { positions: Float64Array.from(coords), indices: Uint32Array.from(tris), components };
}

/** `file` only names the model in errors. */
export function parse3mf(data: Buffer, file = 'model.3mf'): IndexedMesh {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  } catch (e) {
    throw zipUnreadable(file, e instanceof Error ? e.message : String(e));
  }
  const rels = entries['_rels/.rels'] ? strFromU8(entries['_rels/.rels']) : '';
  const target = /Target="\/?([^"]+)"[^>]*Type="[^"]*3dmodel"|Type="[^"]*3dmodel"[^>]*Target="\/?([^"]+)"/.exec(rels);
  const modelPath = target?.[1] ?? target?.[2] ?? MODEL_PATH;
  const part = entries[modelPath] ?? entries[MODEL_PATH];
  if (!part) throw threemfNoModel(file, `no model part at ${modelPath}`);
  const xml = strFromU8(part);
  const model = /<model\b[^>]*>/.exec(xml);
  if (!model) throw threemfNoModel(file, 'the model part has no <model> element');
  const unit = UNIT_MM[attr(model[0], 'unit') ?? 'millimeter'] ?? 1;

  const objects = new Map<string, ObjectDef>();
  for (const m of xml.matchAll(/<object\b([^>]*)>([\s\S]*?)<\/object>/g)) objects.set(attr(m[0], 'id') ?? '', readObject(m[2]!, file));
  const items = [...xml.matchAll(/<item\b[^>]*>/g)].map((m) => ({ id: attr(m[0], 'objectid') ?? '', transform: transform(m[0]) }));

  const out: { positions: number[]; indices: number[] } = { positions: [], indices: [] };
  const place = (id: string, m: Matrix, depth: number): void => {
    const obj = objects.get(id);
    if (!obj || depth > 16) return;
    const base = out.positions.length / 3;
    const p = obj.positions;
    for (let v = 0; v < p.length; v += 3) {
      const x = p[v]!, y = p[v + 1]!, z = p[v + 2]!;
      out.positions.push(
        (x * m[0]! + y * m[3]! + z * m[6]! + m[9]!) * unit,
        (x * m[1]! + y * m[4]! + z * m[7]! + m[10]!) * unit,
        (x * m[2]! + y * m[5]! + z * m[8]! + m[11]!) * unit,
      );
    }
    for (const i of obj.indices) out.indices.push(base + i);
    assertTriangleLimit(file, out.indices.length / 3);
    for (const c of obj.components) place(c.id, multiply(c.transform, m), depth + 1);
  };
  for (const item of items) place(item.id, item.transform, 0);
  if (out.indices.length === 0) throw objects.size === 0 ? threemfNoModel(file, 'no objects') : emptyModel(file);
  return { positions: Float32Array.from(out.positions), indices: Uint32Array.from(out.indices) };
}
