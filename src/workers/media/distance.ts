/**
 * Exact squared Euclidean distance transform on a grid (Felzenszwalb &
 * Huttenlocher, "Distance Transforms of Sampled Functions", 2012): a 1-D lower
 * envelope of parabolas down every column, then along every row. Used by the
 * ink assistant (line thickening) and the offline 3D relief (height from the
 * outline).
 */

/** Cost of a cell that is not a feature: far beyond any squared distance on a real image. */
export const FAR = 1e20;

/**
 * `cost` holds 0 at feature cells and FAR elsewhere (or any sampled function);
 * on return each cell holds its squared distance to the nearest feature. In place.
 */
export function squaredDistanceTransform(cost: Float64Array, width: number, height: number): Float64Array {
  const n = Math.max(width, height);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) f[y] = cost[y * width + x]!;
    lowerEnvelope(f, height, v, z, d);
    for (let y = 0; y < height; y++) cost[y * width + x] = d[y]!;
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) f[x] = cost[y * width + x]!;
    lowerEnvelope(f, width, v, z, d);
    for (let x = 0; x < width; x++) cost[y * width + x] = d[x]!;
  }
  return cost;
}

/** One row or column: d[q] = min over p of (q − p)² + f[p]. */
function lowerEnvelope(f: Float64Array, n: number, v: Int32Array, z: Float64Array, d: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    let s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    while (s <= z[k]!) {
      k--;
      s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    d[q] = (q - v[k]!) * (q - v[k]!) + f[v[k]!]!;
  }
}
