import { NodeIO } from '@gltf-transform/core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inspectGlb } from '../../src/workers/mesh/sources/glb.js';
import { offlineRelief } from '../../src/workers/mesh/sources/offline.js';
import { buildRelief } from '../../src/workers/mesh/sources/relief.js';
import { bridgeDiagonals, largestPiece, type Grid } from '../../src/workers/mesh/sources/silhouette.js';
import { figureOnWhite, figureWithAlpha, topology } from './sources-support.js';

/**
 * The offline draft from sample characters made here: its surface is
 * counted edge by edge and vertex by vertex (closed, every edge two
 * triangles wound opposite ways, every vertex one fan), its volume is
 * positive, its outline follows the character, and the GLB written carries
 * the picture as a texture on UVs.
 */

function grid(rows: string[]): Grid {
  const width = rows[0]!.length, height = rows.length;
  return { width, height, cells: Uint8Array.from(rows.join('').split('').map((c) => (c === '#' ? 1 : 0))) };
}

describe('offline relief', () => {
  it('a figure drawn on white becomes a closed, manifold, textured relief of its silhouette', async () => {
    const made = await offlineRelief('/tmp/figure.png', await figureOnWhite());
    expect(made.mask).toBe('background');
    const t = topology(made.mesh);
    expect(t).toMatchObject({ boundaryEdges: 0, nonManifoldEdges: 0, flippedEdges: 0, nonManifoldVertices: 0 });
    expect(t.volume).toBeGreaterThan(0);
    expect(t.triangles).toBeGreaterThan(10_000);
    // The outline is the figure's: the white around it and between the legs is empty, the body is full.
    const { width, height, cells } = made.grid;
    const at = (fx: number, fy: number): number => cells[Math.floor(fy * height) * width + Math.floor(fx * width)]!;
    expect(at(0.02, 0.02)).toBe(0);
    expect(at(0.5, 0.55)).toBe(1);
    expect(at(0.5, 0.5 * 0.95 + 0.45)).toBe(0); // between the legs, low down
    // The eyes (dark, inside the head) stay part of the figure: only the border-connected white is background.
    expect(at(175 / 400, 95 / 420)).toBe(1);

    const summary = inspectGlb(made.glb);
    expect(summary).toMatchObject({ triangles: t.triangles, meshes: 1 });
    const doc = await new NodeIO().readBinary(made.glb);
    const prim = doc.getRoot().listMeshes()[0]!.listPrimitives()[0]!;
    expect(prim.getAttribute('TEXCOORD_0')?.getCount()).toBe(prim.getAttribute('POSITION')?.getCount());
    const texture = prim.getMaterial()?.getBaseColorTexture();
    expect(texture?.getMimeType()).toBe('image/png');
    const tex = await sharp(Buffer.from(texture!.getImage()!)).raw().toBuffer({ resolveWithObject: true });
    // The body's blue is in the texture where the body is.
    const px = (Math.floor(tex.info.height * 0.55) * tex.info.width + Math.floor(tex.info.width * 0.5)) * tex.info.channels;
    expect([tex.data[px], tex.data[px + 1], tex.data[px + 2]]).toEqual([0x30, 0x70, 0xc0]);
    // Rounded: the front is higher in the middle of the body than near its outline.
    const b = doc.getRoot().listMeshes()[0]!.listPrimitives()[0]!.getAttribute('POSITION')!;
    let maxZ = 0, minZ = 0;
    for (let i = 0; i < b.getCount(); i++) {
      const z = b.getElement(i, [0, 0, 0])[2]!;
      maxZ = Math.max(maxZ, z);
      minZ = Math.min(minZ, z);
    }
    expect(maxZ).toBeGreaterThan(-minZ * 1.5);
  });

  it('a PNG with alpha takes its silhouette from the alpha channel', async () => {
    const made = await offlineRelief('/tmp/figure-alpha.png', await figureWithAlpha());
    expect(made.mask).toBe('alpha');
    expect(topology(made.mesh)).toMatchObject({ boundaryEdges: 0, nonManifoldEdges: 0, flippedEdges: 0, nonManifoldVertices: 0 });
  });

  it('cells touching only at a corner are bridged, so the corner is not a non-manifold vertex', () => {
    const g = grid(['#..#', '.##.', '.##.', '#..#']);
    const raw = buildRelief(g);
    // Built as is, the corner cells pinch the surface: the wall edge at each shared corner has four triangles…
    const pinched = topology(raw);
    expect(pinched.nonManifoldEdges + pinched.nonManifoldVertices).toBeGreaterThan(0);
    const cleaned = bridgeDiagonals(largestPiece(g));
    // …the largest piece drops the four loose corners (they touch only diagonally), and a checkerboard gets bridged.
    expect(topology(buildRelief(cleaned))).toMatchObject({ boundaryEdges: 0, nonManifoldEdges: 0, nonManifoldVertices: 0 });
    const checker = bridgeDiagonals(grid(['##..', '##..', '..##', '..##']));
    const t = topology(buildRelief(checker));
    expect(t).toMatchObject({ boundaryEdges: 0, nonManifoldEdges: 0, flippedEdges: 0, nonManifoldVertices: 0 });
    expect(Array.from(checker.cells).filter(Boolean).length).toBe(9);
  });

  it('a blank picture has no character to build', async () => {
    const blank = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#ffffff' } }).png().toBuffer();
    await expect(offlineRelief('/tmp/blank.png', blank)).rejects.toMatchObject({ code: 'INVALID_MEDIA', key: 'mesh.source.noSubject' });
  });
});
