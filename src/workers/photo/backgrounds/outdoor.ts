import { mulberry32 } from '../../../shared/random.js';
import { LANTERN_DEFS, lantern, r1, radial, snowflakes, vGrad, VH, VW } from './draw.js';

/** The four outdoor backgrounds, in the same 2048×1536 system as the indoor ones. */

export function forbiddenCityWall(): string {
  const ground = 1210;
  const wallTop = 560;
  const roofBase = 470;
  // Glazed yellow tiles: vertical ridges over the roof's sloped band, eaves curling up at both ends.
  const ridges = Array.from({ length: 58 }, (_, i) => {
    const x = 40 + i * 34;
    return `<path d="M${x} ${roofBase - 170} L${x - 8} ${roofBase}" stroke="#b9850f" stroke-width="7"/>`;
  }).join('');
  const brackets = Array.from({ length: 40 }, (_, i) => `<rect x="${10 + i * 52}" y="${roofBase + 8}" width="34" height="44" fill="${i % 2 ? '#1f6b6b' : '#2b4f8a'}"/>`).join('');
  const paving: string[] = [];
  for (let i = -20; i <= 20; i++) paving.push(`<path d="M${1024 + i * 70} ${ground} L${1024 + i * 240} ${VH}" stroke="#8c857a" stroke-opacity="0.5" stroke-width="3"/>`);
  for (let y = ground + 30, k = 1; y < VH; k++, y += 26 + k * 12) paving.push(`<path d="M0 ${y} H${VW}" stroke="#8c857a" stroke-opacity="0.5" stroke-width="3"/>`);
  return [
    `<defs>${vGrad('sky', [[0, '#3f86d9'], [1, '#bcdcf7']])}${vGrad('roof', [[0, '#f7c948'], [1, '#d99b12']])}${vGrad('wall', [[0, '#a82a1f'], [1, '#7e1911']])}`,
    `${vGrad('stone', [[0, '#cfc6b8'], [1, '#9e968a']])}${radial('sun', [[0, '#fffbe6', 0.9], [0.3, '#fff4c4', 0.35], [1, '#fff4c4', 0]])}${vGrad('shade', [[0, '#000000'], [1, '#000000']])}</defs>`,
    `<rect width="${VW}" height="${VH}" fill="url(#sky)"/>`,
    `<circle cx="1650" cy="150" r="420" fill="url(#sun)"/>`,
    `<path d="M140 120 q60 -50 130 -10 q50 -40 110 0 q60 0 60 40 h-320 z M1180 210 q40 -40 100 -10 q40 -30 90 5 q50 5 40 35 h-240 z" fill="#ffffff" fill-opacity="0.85"/>`,
    // The roof: the main ridge with its end ornaments, the tiled slope and the curled eaves.
    `<rect x="0" y="${roofBase - 200}" width="${VW}" height="36" fill="#e2a91c"/><path d="M0 ${roofBase - 200} H${VW}" stroke="#a8770c" stroke-width="6"/>`,
    `<path d="M-40 ${roofBase - 170} H${VW + 40} L${VW + 40} ${roofBase + 10} Q${VW - 60} ${roofBase - 10} ${VW - 160} ${roofBase} H160 Q60 ${roofBase - 10} -40 ${roofBase + 10} Z" fill="url(#roof)"/>`,
    ridges,
    `<path d="M-40 ${roofBase + 6} Q60 ${roofBase - 14} 160 ${roofBase + 4} H${VW - 160} Q${VW - 60} ${roofBase - 14} ${VW + 40} ${roofBase + 6}" fill="none" stroke="#9c6b08" stroke-width="14"/>`,
    `<rect x="0" y="${roofBase + 4}" width="${VW}" height="${wallTop - roofBase}" fill="#173d5c"/>`,
    brackets,
    // The round ends of the glazed tiles along the eave.
    ...Array.from({ length: 60 }, (_, i) => `<circle cx="${20 + i * 34}" cy="${roofBase - 4}" r="13" fill="#e9b326" stroke="#9c6b08" stroke-width="4"/>`),
    `<rect x="0" y="${wallTop - 10}" width="${VW}" height="14" fill="#5c1a12"/>`,
    // The vermilion wall, its afternoon shading and a faint plaster texture.
    `<rect x="0" y="${wallTop}" width="${VW}" height="${ground - wallTop - 60}" fill="url(#wall)"/>`,
    `<rect x="0" y="${wallTop}" width="${VW}" height="70" fill="#000000" fill-opacity="0.22"/>`,
    ...Array.from({ length: 26 }, (_, i) => `<path d="M${i * 80 + 20} ${wallTop + 80} v${ground - wallTop - 160}" stroke="#ffffff" stroke-opacity="0.025" stroke-width="30"/>`),
    // The white marble plinth and the stone-paved square.
    `<rect x="0" y="${ground - 60}" width="${VW}" height="60" fill="#e8e4dc"/><path d="M0 ${ground - 60} H${VW}" stroke="#b7b1a6" stroke-width="5"/>`,
    `<rect x="0" y="${ground}" width="${VW}" height="${VH - ground}" fill="url(#stone)"/>`,
    paving.join(''),
    `<rect x="0" y="${ground}" width="${VW}" height="40" fill="#000000" fill-opacity="0.12"/>`,
  ].join('');
}

export function lanternFestival(): string {
  const ground = 1230;
  const rand = mulberry32(11);
  // Rows of lanterns on strings, smaller toward the back, glowing over a night street.
  const rows: string[] = [];
  const specs: [number, number, number][] = [
    [300, 38, 16],
    [180, 58, 11],
    [70, 86, 7],
  ];
  for (const [y, r, n] of specs) {
    const step = VW / n;
    rows.push(`<path d="M0 ${y - r * 1.3} Q${VW / 2} ${y - r * 1.3 + 80} ${VW} ${y - r * 1.3}" fill="none" stroke="#2a1a10" stroke-width="${r1(r * 0.08)}"/>`);
    for (let i = 0; i < n; i++) {
      const x = step * (i + 0.5);
      const sag = 80 * (1 - ((x - VW / 2) / (VW / 2)) ** 2);
      rows.push(lantern(x, y + sag, r));
    }
  }
  const bokeh = Array.from({ length: 60 }, () => `<circle cx="${r1(rand() * VW)}" cy="${r1(420 + rand() * 560)}" r="${r1(10 + rand() * 34)}" fill="${rand() < 0.7 ? '#ffb347' : '#ff5a4a'}" fill-opacity="${(0.12 + rand() * 0.25).toFixed(2)}"/>`).join('');
  const houses = (side: 1 | -1): string => {
    const parts: string[] = [];
    for (let i = 0; i < 4; i++) {
      const w = 300 - i * 40;
      const x0 = side === 1 ? i * 220 : VW - i * 220 - w;
      const top = 560 + i * 60;
      parts.push(`<rect x="${x0}" y="${top}" width="${w}" height="${ground - top}" fill="${i % 2 ? '#1d1420' : '#251a26'}"/>`);
      parts.push(`<path d="M${x0 - 40} ${top} Q${x0 + w / 2} ${top - 70} ${x0 + w + 40} ${top} Z" fill="#120c14"/>`);
      parts.push(`<rect x="${x0 + w * 0.25}" y="${top + 80}" width="${w * 0.5}" height="${(ground - top) * 0.35}" fill="#ffb451" fill-opacity="0.75"/>`);
    }
    return parts.join('');
  };
  return [
    `<defs>${vGrad('sky', [[0, '#0b0d2b'], [0.6, '#2a1742'], [1, '#5a2a3c']])}${vGrad('street', [[0, '#3a2624'], [1, '#150d0d']])}${LANTERN_DEFS}`,
    `${radial('haze', [[0, '#ff9a4a', 0.4], [1, '#ff9a4a', 0]])}</defs>`,
    `<rect width="${VW}" height="${VH}" fill="url(#sky)"/>`,
    `<ellipse cx="1024" cy="900" rx="1100" ry="520" fill="url(#haze)"/>`,
    houses(1),
    houses(-1),
    bokeh,
    `<rect y="${ground}" width="${VW}" height="${VH - ground}" fill="url(#street)"/>`,
    // Reflections of the lantern light on the wet stones.
    ...Array.from({ length: 16 }, (_, i) => `<ellipse cx="${r1(VW * ((i + 0.5) / 16))}" cy="${ground + 90 + (i % 3) * 40}" rx="46" ry="${r1(70 + (i % 3) * 30)}" fill="#ff7a2a" fill-opacity="0.12"/>`),
    rows.reverse().join(''),
  ].join('');
}

export function snowScene(): string {
  const ground = 1100;
  const rand = mulberry32(23);
  const pine = (x: number, base: number, h: number): string => {
    const w = h * 0.42;
    const tiers = [0, 1, 2, 3].map((k) => {
      const top = base - h + k * h * 0.2;
      const bottom = top + h * 0.36;
      const half = w * (0.45 + k * 0.18);
      return `<path d="M${r1(x)} ${r1(top)} L${r1(x + half)} ${r1(bottom)} H${r1(x - half)} Z" fill="#23493a"/><path d="M${r1(x)} ${r1(top)} L${r1(x + half * 0.55)} ${r1(top + h * 0.2)} Q${r1(x)} ${r1(top + h * 0.14)} ${r1(x - half * 0.55)} ${r1(top + h * 0.2)} Z" fill="#f4f8fc"/>`;
    });
    return `<rect x="${r1(x - h * 0.03)}" y="${r1(base - h * 0.15)}" width="${r1(h * 0.06)}" height="${r1(h * 0.15)}" fill="#4a3326"/>${tiers.join('')}`;
  };
  const trees: string[] = [];
  for (let i = 0; i < 22; i++) {
    const x = rand() * VW;
    const far = rand() < 0.55;
    trees.push(far ? `<g opacity="0.55">${pine(x, ground - 40 - rand() * 30, 160 + rand() * 90)}</g>` : pine(x, ground + 10 + rand() * 20, 300 + rand() * 200));
  }
  return [
    `<defs>${vGrad('sky', [[0, '#9fb8d6'], [0.7, '#e3ecf5'], [1, '#f4f7fb']])}${vGrad('snowGround', [[0, '#f4f8fd'], [1, '#cfdcea']])}${radial('sun', [[0, '#ffffff', 0.9], [1, '#ffffff', 0]])}</defs>`,
    `<rect width="${VW}" height="${VH}" fill="url(#sky)"/>`,
    `<circle cx="520" cy="260" r="300" fill="url(#sun)"/>`,
    `<path d="M0 820 L260 560 L420 700 L700 430 L980 760 L1240 520 L1520 740 L1760 500 L2048 760 V${ground} H0 Z" fill="#b8c8dc"/>`,
    `<path d="M260 560 L330 630 L290 620 L250 650 L210 600 Z M700 430 L790 520 L730 505 L690 540 L630 500 Z M1240 520 L1320 600 L1270 590 L1230 620 L1180 580 Z M1760 500 L1840 580 L1790 570 L1750 600 L1700 560 Z" fill="#f5f8fc"/>`,
    `<path d="M0 930 Q500 860 1024 920 T2048 900 V${ground} H0 Z" fill="#dfe8f2"/>`,
    trees.slice(0, 11).join(''),
    `<path d="M0 ${ground - 20} Q520 ${ground - 70} 1024 ${ground - 30} T2048 ${ground - 40} V${VH} H0 Z" fill="url(#snowGround)"/>`,
    trees.slice(11).join(''),
    `<path d="M0 ${ground + 140} Q700 ${ground + 90} 1300 ${ground + 150} T2048 ${ground + 120}" fill="none" stroke="#c3d2e4" stroke-width="10"/>`,
    snowflakes(420, 5),
  ].join('');
}

export function seaside(): string {
  const horizon = 760;
  const sand = 1060;
  const waves = Array.from({ length: 14 }, (_, i) => {
    const y = horizon + 30 + i * i * 1.6 + i * 12;
    const amp = 4 + i * 1.2;
    const len = 120 + i * 20;
    let d = `M0 ${r1(y)}`;
    for (let x = 0; x < VW; x += len) d += ` q${r1(len / 4)} ${r1(-amp)} ${r1(len / 2)} 0 t${r1(len / 2)} 0`;
    return `<path d="${d}" fill="none" stroke="#ffffff" stroke-opacity="${(0.1 + i * 0.02).toFixed(2)}" stroke-width="${r1(2 + i * 0.4)}"/>`;
  }).join('');
  const palm = `<path d="M1850 ${sand + 120} Q1820 800 1900 520" fill="none" stroke="#6b4a2b" stroke-width="34" stroke-linecap="round"/>` +
    [[-260, 60], [-200, -60], [-90, -130], [80, -120], [180, 10], [120, 110]]
      .map(([dx, dy]) => `<path d="M1900 520 Q${1900 + dx! * 0.5} ${520 + dy! - 60} ${1900 + dx!} ${520 + dy!}" fill="none" stroke="#2f6b34" stroke-width="26" stroke-linecap="round"/>`)
      .join('');
  return [
    `<defs>${vGrad('sky', [[0, '#2e7fd0'], [0.7, '#8cc4ee'], [1, '#d6ecfa']])}${vGrad('sea', [[0, '#1d6fa3'], [0.5, '#2a9bb8'], [1, '#5fcfc8']])}`,
    `${vGrad('sand', [[0, '#f3dfb6'], [1, '#d9b887']])}${radial('sun', [[0, '#fffef2', 1], [0.2, '#fff8d0', 0.7], [1, '#fff3b0', 0]])}</defs>`,
    `<rect width="${VW}" height="${VH}" fill="url(#sky)"/>`,
    `<circle cx="1480" cy="300" r="360" fill="url(#sun)"/>`,
    `<path d="M200 240 q70 -60 150 -20 q60 -50 130 -5 q80 -5 80 45 h-380 z M900 150 q50 -40 110 -10 q50 -30 100 5 q60 5 50 40 h-270 z M1700 520 q50 -40 110 -10 q50 -30 100 5 q60 5 50 40 h-270 z" fill="#ffffff" fill-opacity="0.9"/>`,
    `<rect y="${horizon}" width="${VW}" height="${sand - horizon + 40}" fill="url(#sea)"/>`,
    ...Array.from({ length: 9 }, (_, i) => `<rect x="${1480 - 90 + ((i * 53) % 180)}" y="${horizon + 12 + i * 22}" width="${60 + ((i * 37) % 70)}" height="5" rx="2" fill="#fff8d0" fill-opacity="0.6"/>`),
    waves,
    `<path d="M0 ${sand + 10} Q300 ${sand - 30} 620 ${sand} T1300 ${sand - 10} T2048 ${sand} V${VH} H0 Z" fill="url(#sand)"/>`,
    `<path d="M0 ${sand + 10} Q300 ${sand - 30} 620 ${sand} T1300 ${sand - 10} T2048 ${sand}" fill="none" stroke="#ffffff" stroke-width="16" stroke-opacity="0.85"/>`,
    `<path d="M0 ${sand + 40} Q400 ${sand + 10} 800 ${sand + 36} T2048 ${sand + 30}" fill="none" stroke="#c9a874" stroke-width="6" stroke-opacity="0.5"/>`,
    palm,
  ].join('');
}
