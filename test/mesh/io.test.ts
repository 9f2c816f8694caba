import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document } from '@gltf-transform/core';
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { MESH_LIMITS } from '../../src/shared/mesh/jobs.js';
import { checkMesh } from '../../src/workers/mesh/check/index.js';
import { encodeGlb, gltfIo, parseGlb } from '../../src/workers/mesh/io/glb.js';
import { readMeshFile } from '../../src/workers/mesh/io/read.js';
import { encodeStl, parseStl } from '../../src/workers/mesh/io/stl.js';
import { encode3mf, parse3mf } from '../../src/workers/mesh/io/threemf.js';
import type { IndexedMesh } from '../../src/workers/mesh/mesh.js';
import { box, sphere } from './checks-helpers.js';

/** Reading and writing model files: real files on disk, read back and measured. */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-mesh-io-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function volume(mesh: IndexedMesh): number {
  const r = checkMesh(mesh, { sizeMm: 100, process: 'fdm' }).report;
  return r.volumeMm3! / r.scale ** 3; // back in the file's own units
}

const ball = sphere(30, 40, 80, [5, -3, 40]);
const ballVolume = volume(ball);

describe('STL', () => {
  it('binary STL reads back with the same triangles and volume', async () => {
    const file = path.join(dir, 'ball.stl');
    fs.writeFileSync(file, encodeStl(ball));
    expect(fs.statSync(file).size).toBe(84 + 50 * (ball.indices.length / 3));
    const back = await readMeshFile(file);
    expect(back.indices.length).toBe(ball.indices.length);
    expect(back.positions.length).toBe(ball.positions.length); // welded back to shared vertices
    expect(Math.abs(volume(back) / ballVolume - 1)).toBeLessThan(0.001);
  });

  it('reads ASCII STL', async () => {
    const cube = box(0, 0, 0, 2, 2, 2);
    const facets: string[] = [];
    for (let t = 0; t < 12; t++) {
      const corners = [0, 1, 2].map((k) => Array.from(cube.positions.subarray(cube.indices[t * 3 + k]! * 3, cube.indices[t * 3 + k]! * 3 + 3)).join(' '));
      facets.push(`facet normal 0 0 0\n outer loop\n${corners.map((c) => `  vertex ${c}`).join('\n')}\n endloop\nendfacet`);
    }
    const file = path.join(dir, 'cube-ascii.stl');
    fs.writeFileSync(file, `solid cube\n${facets.join('\n')}\nendsolid cube\n`);
    const back = await readMeshFile(file);
    expect(back.indices.length).toBe(36);
    expect(volume(back)).toBeCloseTo(8, 5);
  });

  it('a truncated binary STL says how many bytes it lacks', async () => {
    const file = path.join(dir, 'cut.stl');
    const full = encodeStl(ball);
    fs.writeFileSync(file, full.subarray(0, full.length - 700));
    await expect(readMeshFile(file)).rejects.toMatchObject({ code: 'INVALID_MEDIA', key: 'mesh.check.stlTruncated', params: { file: 'cut.stl', expected: String(full.length), actual: String(full.length - 700) } });
  });
});

describe('3MF', () => {
  it('writes the core-spec package and reads back the same triangles and volume', async () => {
    const file = path.join(dir, 'ball.3mf');
    fs.writeFileSync(file, encode3mf(ball, 'Ball & <friends>'));
    const entries = unzipSync(fs.readFileSync(file));
    expect(Object.keys(entries).sort()).toEqual(['3D/3dmodel.model', '[Content_Types].xml', '_rels/.rels']);
    const model = strFromU8(entries['3D/3dmodel.model']!);
    expect(model).toContain('unit="millimeter"');
    expect(model).toContain('<item objectid="1"/>');
    expect(model).toContain('Ball &amp; &lt;friends&gt;');
    expect(strFromU8(entries['_rels/.rels']!)).toContain('Target="/3D/3dmodel.model"');
    const back = await readMeshFile(file);
    expect(back.indices).toEqual(ball.indices);
    expect(Math.abs(volume(back) / ballVolume - 1)).toBeLessThan(0.001);
  });

  it('applies build-item transforms and units', () => {
    const xml =
      '<?xml version="1.0"?><model unit="centimeter" xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02"><resources>' +
      '<object id="7" type="model"><mesh><vertices><vertex x="0" y="0" z="0"/><vertex x="1" y="0" z="0"/><vertex x="0" y="1" z="0"/></vertices>' +
      '<triangles><triangle v1="0" v2="1" v3="2"/></triangles></mesh></object></resources>' +
      '<build><item objectid="7" transform="2 0 0 0 2 0 0 0 2 10 0 0"/></build></model>';
    const mesh = parse3mf(Buffer.from(zipSync({ '3D/3dmodel.model': strToU8(xml) })));
    // (1, 0, 0) scaled ×2, moved 10 along x, in centimetres → 120 mm.
    expect(Array.from(mesh.positions)).toEqual([100, 0, 0, 120, 0, 0, 100, 20, 0]);
  });

  it('a damaged zip and a zip without a model are told apart', async () => {
    const bad = path.join(dir, 'bad.3mf');
    fs.writeFileSync(bad, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]));
    await expect(readMeshFile(bad)).rejects.toMatchObject({ code: 'INVALID_MEDIA', key: 'mesh.check.zipUnreadable', params: { file: 'bad.3mf' } });
    const empty = path.join(dir, 'empty.3mf');
    fs.writeFileSync(empty, zipSync({ 'readme.txt': strToU8('hello') }));
    await expect(readMeshFile(empty)).rejects.toMatchObject({ key: 'mesh.check.threemfNoModel' });
  });
});

describe('GLB', () => {
  it('round trip keeps triangles, positions and uvs', async () => {
    const cube = box(0, 0, 0, 1, 1, 1);
    const uvs = new Float32Array(16).map((_, i) => (i % 7) / 7);
    const glb = await encodeGlb({ ...cube, uvs });
    const back = await parseGlb(glb);
    expect(back.indices).toEqual(cube.indices);
    expect(back.positions).toEqual(cube.positions);
    expect(back.uvs).toEqual(uvs);
  });

  it('applies node world transforms and flips the winding of a mirrored node', async () => {
    const doc = new Document();
    const buffer = doc.createBuffer();
    const cube = box(0, 0, 0, 1, 1, 1);
    const mesh = doc.createMesh('cube').addPrimitive(
      doc.createPrimitive().setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(cube.positions).setBuffer(buffer)).setIndices(doc.createAccessor().setType('SCALAR').setArray(cube.indices).setBuffer(buffer)),
    );
    const parent = doc.createNode('parent').setTranslation([10, 0, 0]).setScale([2, 2, 2]);
    parent.addChild(doc.createNode('child').setMesh(mesh).setTranslation([0, 5, 0]));
    const mirrored = doc.createNode('mirror').setMesh(mesh).setScale([-1, 1, 1]).setTranslation([-20, 0, 0]);
    doc.createScene('s').addChild(parent).addChild(mirrored);
    const back = await parseGlb(await gltfIo().writeBinary(doc));
    expect(back.indices.length).toBe(72);
    expect(back.uvs).toBeUndefined(); // two primitives: uvs would not line up with one texture
    expect(Array.from(back.positions.subarray(0, 3))).toEqual([10, 10, 0]); // (0,0,0) → +5 y, ×2, +10 x
    // Both cubes outward: the total volume is 8 + 1, not 8 − 1.
    const { report } = checkMesh(back, { sizeMm: 100, process: 'fdm' });
    expect(report.volumeMm3! / report.scale ** 3).toBeCloseTo(9, 4);
  });

  it('a GLB with a damaged chunk is refused clearly', async () => {
    const glb = Buffer.from(await encodeGlb(box(0, 0, 0, 1, 1, 1)));
    const file = path.join(dir, 'bad.glb');
    glb.writeUInt32LE(0xffff, 12); // the JSON chunk claims more bytes than there are
    fs.writeFileSync(file, glb);
    await expect(readMeshFile(file)).rejects.toMatchObject({ code: 'INVALID_MEDIA', key: 'mesh.check.glbUnreadable', params: { file: 'bad.glb' } });
  });
});

describe('limits and unknown files', () => {
  it('refuses a file over the size limit without reading it', async () => {
    const file = path.join(dir, 'huge.stl');
    fs.closeSync(fs.openSync(file, 'w'));
    fs.truncateSync(file, MESH_LIMITS.maxFileBytes + 1); // sparse: no disk is used
    await expect(readMeshFile(file)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', key: 'mesh.check.fileTooLarge', params: { file: 'huge.stl', limit: '512' } });
  });

  it('refuses a binary STL whose header counts more triangles than the limit', async () => {
    const count = MESH_LIMITS.maxTriangles + 1;
    const file = path.join(dir, 'many.stl');
    const header = Buffer.alloc(84);
    header.writeUInt32LE(count, 80);
    fs.writeFileSync(file, header);
    fs.truncateSync(file, 84 + 50 * count); // within the byte limit, sparse
    await expect(readMeshFile(file)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', key: 'mesh.check.tooManyTriangles', params: { count: String(count) } });
  });

  it('names a missing file, an empty STL and an unknown format', async () => {
    await expect(readMeshFile(path.join(dir, 'nope.stl'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', key: 'mesh.check.unreadable' });
    const empty = path.join(dir, 'empty.stl');
    fs.writeFileSync(empty, Buffer.alloc(84));
    await expect(readMeshFile(empty)).rejects.toMatchObject({ key: 'mesh.check.empty' });
    const obj = path.join(dir, 'model.obj');
    fs.writeFileSync(obj, 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n');
    await expect(readMeshFile(obj)).rejects.toMatchObject({ code: 'UNSUPPORTED_TYPE', key: 'mesh.check.unknownFormat' });
    expect(() => parseStl(Buffer.from('solid x\nfacet normal 0 0 0\n outer loop\n vertex 0 0 nope\n'))).toThrow(expect.objectContaining({ key: 'mesh.check.stlBadText' }));
  });
});
