/**
 * A bounding-volume hierarchy over triangles, built once per check and shared
 * by the self-intersection pass and the wall-thickness rays. It is a linear
 * BVH: triangles sorted by the Morton code of their centroid (radix sort),
 * split where the highest differing code bit changes — O(n) after the sort,
 * which is what lets a million triangles be checked in a fraction of a second.
 */
export const LEAF_SIZE = 4;

export interface Bvh {
  /** min x, y, z, max x, y, z per node. */
  boxes: Float32Array;
  /** Inner node: index of the left child (the right is `right[n]`). Leaf: −1. */
  left: Int32Array;
  right: Int32Array;
  /** Leaf: its range in `order`. */
  start: Uint32Array;
  count: Uint32Array;
  /** Triangle ids in leaf order. */
  order: Uint32Array;
  nodes: number;
}

/** Per triangle: min x, y, z, max x, y, z. */
export function triangleBoxes(positions: Float32Array, tri: Uint32Array): Float32Array {
  const n = tri.length / 3;
  const boxes = new Float32Array(n * 6);
  for (let t = 0; t < n; t++) {
    const a = tri[t * 3]! * 3, b = tri[t * 3 + 1]! * 3, c = tri[t * 3 + 2]! * 3;
    for (let k = 0; k < 3; k++) {
      const pa = positions[a + k]!, pb = positions[b + k]!, pc = positions[c + k]!;
      boxes[t * 6 + k] = Math.min(pa, pb, pc);
      boxes[t * 6 + 3 + k] = Math.max(pa, pb, pc);
    }
  }
  return boxes;
}

/** Spreads the low 10 bits of v to every third bit. */
function spread(v: number): number {
  v = (v | (v << 16)) & 0x030000ff;
  v = (v | (v << 8)) & 0x0300f00f;
  v = (v | (v << 4)) & 0x030c30c3;
  v = (v | (v << 2)) & 0x09249249;
  return v;
}

/** Triangle ids sorted by code (LSD radix sort, 3 passes of 10 bits over 30-bit codes). */
function sortByCode(codes: Uint32Array): { order: Uint32Array; sorted: Uint32Array } {
  const n = codes.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let tmp = new Uint32Array(n);
  const hist = new Uint32Array(1024);
  for (let shift = 0; shift < 30; shift += 10) {
    hist.fill(0);
    for (let i = 0; i < n; i++) hist[(codes[order[i]!]! >>> shift) & 1023]!++;
    let sum = 0;
    for (let b = 0; b < 1024; b++) {
      const h = hist[b]!;
      hist[b] = sum;
      sum += h;
    }
    for (let i = 0; i < n; i++) {
      const t = order[i]!;
      tmp[hist[(codes[t]! >>> shift) & 1023]!++] = t;
    }
    [order, tmp] = [tmp, order];
  }
  const sorted = new Uint32Array(n);
  for (let i = 0; i < n; i++) sorted[i] = codes[order[i]!]!;
  return { order, sorted };
}

export function buildBvh(triBoxes: Float32Array): Bvh {
  const n = triBoxes.length / 6;
  let x0 = Infinity, y0 = Infinity, z0 = Infinity, x1 = -Infinity, y1 = -Infinity, z1 = -Infinity;
  for (let t = 0; t < n; t++) {
    const cx = triBoxes[t * 6]! + triBoxes[t * 6 + 3]!, cy = triBoxes[t * 6 + 1]! + triBoxes[t * 6 + 4]!, cz = triBoxes[t * 6 + 2]! + triBoxes[t * 6 + 5]!;
    if (cx < x0) x0 = cx;
    if (cx > x1) x1 = cx;
    if (cy < y0) y0 = cy;
    if (cy > y1) y1 = cy;
    if (cz < z0) z0 = cz;
    if (cz > z1) z1 = cz;
  }
  const sx = 1023 / (x1 - x0 || 1), sy = 1023 / (y1 - y0 || 1), sz = 1023 / (z1 - z0 || 1);
  const codes = new Uint32Array(n);
  for (let t = 0; t < n; t++) {
    const cx = triBoxes[t * 6]! + triBoxes[t * 6 + 3]!, cy = triBoxes[t * 6 + 1]! + triBoxes[t * 6 + 4]!, cz = triBoxes[t * 6 + 2]! + triBoxes[t * 6 + 5]!;
    codes[t] = (spread(((cx - x0) * sx) | 0) << 2) | (spread(((cy - y0) * sy) | 0) << 1) | spread(((cz - z0) * sz) | 0);
  }
  const { order, sorted } = sortByCode(codes);

  const capacity = Math.max(1, 2 * n);
  const left = new Int32Array(capacity).fill(-1);
  const right = new Int32Array(capacity).fill(-1);
  const start = new Uint32Array(capacity);
  const count = new Uint32Array(capacity);
  let nodes = 1;
  // Pre-order build on an explicit stack: children always get higher ids than their parent.
  const stack: number[] = [0];
  start[0] = 0;
  count[0] = n;
  while (stack.length > 0) {
    const node = stack.pop()!;
    const s = start[node]!, c = count[node]!;
    if (c <= LEAF_SIZE) continue;
    const first = sorted[s]!, last = sorted[s + c - 1]!;
    let split: number;
    if (first === last) split = s + (c >> 1);
    else {
      // First index whose code has the highest differing bit set.
      const bit = 31 - Math.clz32(first ^ last);
      let lo = s, hi = s + c - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((sorted[mid]! >>> bit) & 1) hi = mid;
        else lo = mid + 1;
      }
      split = lo;
    }
    const l = nodes++, r = nodes++;
    left[node] = l;
    right[node] = r;
    start[l] = s;
    count[l] = split - s;
    start[r] = split;
    count[r] = s + c - split;
    stack.push(l, r);
  }
  const boxes = new Float32Array(nodes * 6);
  for (let node = nodes - 1; node >= 0; node--) {
    const o = node * 6;
    if (left[node] === -1) {
      boxes.fill(Infinity, o, o + 3);
      boxes.fill(-Infinity, o + 3, o + 6);
      for (let i = start[node]!; i < start[node]! + count[node]!; i++) {
        const t = order[i]! * 6;
        for (let k = 0; k < 3; k++) {
          if (triBoxes[t + k]! < boxes[o + k]!) boxes[o + k] = triBoxes[t + k]!;
          if (triBoxes[t + 3 + k]! > boxes[o + 3 + k]!) boxes[o + 3 + k] = triBoxes[t + 3 + k]!;
        }
      }
    } else {
      const a = left[node]! * 6, b = right[node]! * 6;
      for (let k = 0; k < 3; k++) {
        boxes[o + k] = Math.min(boxes[a + k]!, boxes[b + k]!);
        boxes[o + 3 + k] = Math.max(boxes[a + 3 + k]!, boxes[b + 3 + k]!);
      }
    }
  }
  return { boxes, left: left.subarray(0, nodes), right: right.subarray(0, nodes), start: start.subarray(0, nodes), count: count.subarray(0, nodes), order, nodes };
}
