/** Taiwan national ID: a letter, 1/2 (8/9 on resident certificates), eight more digits, weighted checksum (the cloud checks it too). */
const AREA: Record<string, number> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};
const WEIGHTS = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];

export function isTaiwanId(raw: string): boolean {
  const id = raw.trim().toUpperCase();
  if (!/^[A-Z][1289]\d{8}$/.test(id)) return false;
  const area = AREA[id[0] ?? ''];
  if (area === undefined) return false;
  const digits = [Math.floor(area / 10), area % 10, ...id.slice(1).split('').map(Number)];
  return digits.reduce((s, d, i) => s + d * (WEIGHTS[i] ?? 0), 0) % 10 === 0;
}
