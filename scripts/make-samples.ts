/**
 * Draws the sample images shipped in resources/samples (run once; the
 * output is committed so the demo needs no network and no keys).
 * Usage: npx tsx scripts/make-samples.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const samples = [
  { file: 'new-year-dinner.jpg', title: '團圓飯', subtitle: 'Reunion dinner', from: '#be123c', to: '#f59e0b', shape: 'circle' },
  { file: 'lantern-night.jpg', title: '元宵燈會', subtitle: 'Lantern night', from: '#7c2d12', to: '#f43f5e', shape: 'lantern' },
  { file: 'spring-trip.jpg', title: '春游踏青', subtitle: 'Spring outing', from: '#065f46', to: '#22d3ee', shape: 'hills' },
  { file: 'cafe-latte.jpg', title: '咖啡時光', subtitle: 'Café latte', from: '#451a03', to: '#d97706', shape: 'cup' },
  { file: 'city-skyline.jpg', title: '城市夜景', subtitle: 'City skyline', from: '#0f172a', to: '#6366f1', shape: 'skyline' },
  { file: 'family-portrait.jpg', title: '全家福', subtitle: 'Family portrait', from: '#831843', to: '#06b6d4', shape: 'people' },
];

const shapes: Record<string, string> = {
  circle: '<circle cx="400" cy="330" r="170" fill="#fde68a" opacity="0.85"/>',
  lantern: '<ellipse cx="400" cy="320" rx="140" ry="170" fill="#ef4444"/><rect x="360" y="130" width="80" height="30" fill="#fbbf24"/><rect x="360" y="480" width="80" height="30" fill="#fbbf24"/>',
  hills: '<path d="M0 560 Q200 300 400 520 T800 420 V800 H0 Z" fill="#064e3b" opacity="0.8"/><circle cx="620" cy="200" r="80" fill="#fef3c7"/>',
  cup: '<rect x="260" y="250" width="260" height="240" rx="40" fill="#fff7ed"/><path d="M520 300 q90 0 90 80 t-90 80" stroke="#fff7ed" stroke-width="28" fill="none"/>',
  skyline: '<rect x="80" y="300" width="120" height="400" fill="#1e1b4b"/><rect x="230" y="200" width="140" height="500" fill="#312e81"/><rect x="400" y="340" width="110" height="360" fill="#1e1b4b"/><rect x="540" y="150" width="150" height="550" fill="#3730a3"/>',
  people: '<circle cx="300" cy="280" r="70" fill="#fde68a"/><circle cx="500" cy="280" r="70" fill="#fde68a"/><circle cx="400" cy="360" r="55" fill="#fef3c7"/><rect x="220" y="360" width="160" height="220" rx="60" fill="#f9a8d4"/><rect x="420" y="360" width="160" height="220" rx="60" fill="#67e8f9"/>',
};

const out = path.resolve('resources/samples');
fs.mkdirSync(out, { recursive: true });
for (const s of samples) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${s.from}"/><stop offset="1" stop-color="${s.to}"/></linearGradient></defs>
    <rect width="800" height="800" fill="url(#g)"/>${shapes[s.shape]}
    <text x="400" y="660" text-anchor="middle" font-family="Noto Sans CJK TC" font-size="88" font-weight="700" fill="#ffffff">${s.title}</text>
    <text x="400" y="730" text-anchor="middle" font-family="Noto Sans CJK TC" font-size="40" fill="#f1f5f9">${s.subtitle}</text>
  </svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 82, mozjpeg: true }).toFile(path.join(out, s.file));
}
console.log(`wrote ${samples.length} samples to ${out}`);
