import { mulberry32 } from '../../../shared/random.js';
import { fuDiamond, LANTERN_DEFS, lantern, r1, radial, vGrad, verticalText, VH, VW } from './draw.js';

/**
 * The four indoor backgrounds. Each returns the inside of an SVG in the
 * 2048×1536 system; the people stand on (or in front of) the floor that
 * starts at the scene's `floor` line.
 */

/** Wooden planks in perspective from the horizon line `top` down to the bottom edge. */
function planks(top: number, light: string, dark: string): string {
  const lines: string[] = [`<rect y="${top}" width="${VW}" height="${VH - top}" fill="url(#floorGrad)"/>`];
  const vx = VW / 2;
  for (let i = -14; i <= 14; i++) {
    const xb = vx + i * 190;
    lines.push(`<path d="M${r1(vx + i * 60)} ${top} L${r1(xb)} ${VH}" stroke="${dark}" stroke-opacity="0.35" stroke-width="3"/>`);
  }
  let y = top + 18;
  for (let k = 1; y < VH; k++) {
    lines.push(`<path d="M0 ${r1(y)} H${VW}" stroke="${light}" stroke-opacity="0.18" stroke-width="${r1(1 + k * 0.5)}"/>`);
    y += 18 + k * 14;
  }
  return lines.join('');
}

export function rosewoodLivingRoom(family: string): string {
  const floor = 1180;
  const sofaTop = 690;
  const carving = Array.from({ length: 8 }, (_, i) => {
    const x = 560 + i * 116;
    return `<path d="M${x} ${sofaTop + 70} q58 -60 116 0" fill="none" stroke="#8a3b1e" stroke-width="10"/><circle cx="${x + 58}" cy="${sofaTop + 52}" r="12" fill="#c08a3e"/>`;
  }).join('');
  const cushions = [640, 860, 1080, 1300]
    .map((x, i) => `<rect x="${x}" y="${sofaTop + 190}" width="180" height="170" rx="40" fill="${i % 2 ? '#b01d22' : '#c4262c'}" stroke="#e3b34c" stroke-width="6"/><circle cx="${x + 90}" cy="${sofaTop + 275}" r="42" fill="none" stroke="#e3b34c" stroke-width="6"/>`)
    .join('');
  const lattice = (x: number): string => {
    const cells: string[] = [];
    for (let i = 1; i < 5; i++) cells.push(`<path d="M${x + i * 62} 230 V710" stroke="#5a2412" stroke-width="9"/>`);
    for (let j = 1; j < 8; j++) cells.push(`<path d="M${x} ${230 + j * 60} H${x + 310}" stroke="#5a2412" stroke-width="9"/>`);
    return `<rect x="${x}" y="230" width="310" height="480" fill="url(#windowLight)" stroke="#4a1c0e" stroke-width="22"/>${cells.join('')}`;
  };
  return [
    `<defs>${vGrad('wall', [[0, '#f1dfbf'], [1, '#d8b888']])}${vGrad('floorGrad', [[0, '#6b2e17'], [1, '#3d1a0d']])}${vGrad('sofa', [[0, '#6e2a14'], [1, '#3f160a']])}`,
    `${vGrad('windowLight', [[0, '#fff6dc'], [1, '#f0d49a']])}${radial('lamp', [[0, '#fff3d0', 0.75], [1, '#fff3d0', 0]])}</defs>`,
    `<rect width="${VW}" height="${VH}" fill="url(#wall)"/>`,
    `<circle cx="1024" cy="420" r="900" fill="url(#lamp)"/>`,
    `<rect y="${floor - 260}" width="${VW}" height="260" fill="#b98c5a"/><path d="M0 ${floor - 260} H${VW}" stroke="#7a4a24" stroke-width="14"/>`,
    lattice(110),
    lattice(VW - 420),
    // The scroll: 家和萬事興 on rice paper between two dark rollers.
    `<rect x="934" y="120" width="180" height="520" fill="#f8efd8" stroke="#b9a27a" stroke-width="4"/><rect x="914" y="106" width="220" height="22" rx="10" fill="#3a1a0c"/><rect x="914" y="634" width="220" height="22" rx="10" fill="#3a1a0c"/>`,
    verticalText('家和萬事興', 1024, 185, 80, '#1b140c', family),
    // The carved rosewood sofa.
    `<path d="M520 ${sofaTop + 90} Q520 ${sofaTop} 620 ${sofaTop} H1428 Q1528 ${sofaTop} 1528 ${sofaTop + 90} V${sofaTop + 380} H520 Z" fill="url(#sofa)"/>`,
    carving,
    `<rect x="430" y="${sofaTop + 180}" width="130" height="260" rx="24" fill="#4c1b0c"/><rect x="1488" y="${sofaTop + 180}" width="130" height="260" rx="24" fill="#4c1b0c"/>`,
    cushions,
    `<rect x="470" y="${sofaTop + 360}" width="1108" height="90" rx="14" fill="#55200f"/><rect x="500" y="${sofaTop + 450}" width="40" height="70" fill="#3a1409"/><rect x="1508" y="${sofaTop + 450}" width="40" height="70" fill="#3a1409"/>`,
    // A side table with a blue-and-white vase and a potted orchid.
    `<rect x="1690" y="${floor - 200}" width="220" height="26" fill="#4a1a0b"/><rect x="1705" y="${floor - 174}" width="22" height="174" fill="#3a1409"/><rect x="1873" y="${floor - 174}" width="22" height="174" fill="#3a1409"/>`,
    `<path d="M1770 ${floor - 200} q-40 -90 10 -170 h40 q50 80 10 170 z" fill="#f4f6fa" stroke="#2a4b9b" stroke-width="6"/><path d="M1760 ${floor - 300} q40 -30 80 0" fill="none" stroke="#2a4b9b" stroke-width="10"/>`,
    `<path d="M1800 ${floor - 370} q-60 -120 -140 -140 M1800 ${floor - 370} q40 -140 130 -170" fill="none" stroke="#3f6b2a" stroke-width="8"/><circle cx="1668" cy="${floor - 505}" r="20" fill="#f3e9f5"/><circle cx="1925" cy="${floor - 540}" r="22" fill="#f3e9f5"/>`,
    planks(floor, '#f2c59a', '#1f0c05'),
    `<path d="M0 ${floor} H${VW}" stroke="#2b1108" stroke-width="10"/>`,
  ].join('');
}

export function europeanMansion(): string {
  const floor = 1150;
  const column = (x: number): string =>
    [
      `<rect x="${x}" y="260" width="150" height="${floor - 300}" fill="url(#marbleCol)"/>`,
      ...[0.2, 0.4, 0.6, 0.8].map((k) => `<path d="M${r1(x + 150 * k)} 290 V${floor - 60}" stroke="#b8ab93" stroke-width="5"/>`),
      `<rect x="${x - 30}" y="220" width="210" height="50" fill="#efe6d2" stroke="#c9a347" stroke-width="5"/><rect x="${x - 20}" y="${floor - 60}" width="190" height="60" fill="#e7dcc4" stroke="#c9a347" stroke-width="4"/>`,
    ].join('');
  // The chandelier: arms of candles and hanging crystals under a gold ring.
  const crystals = Array.from({ length: 22 }, (_, i) => {
    const a = (i / 22) * Math.PI * 2;
    const x = 1024 + Math.cos(a) * 200;
    const y = 250 + Math.sin(a) * 40;
    return `<path d="M${r1(x)} ${r1(y)} l-8 22 l8 18 l8 -18 z" fill="#fdfbf3" stroke="#d9c789" stroke-width="2"/>`;
  }).join('');
  const candles = Array.from({ length: 9 }, (_, i) => {
    const x = 824 + i * 50;
    return `<rect x="${x - 5}" y="170" width="10" height="36" fill="#fffaf0"/><circle cx="${x}" cy="164" r="9" fill="#ffd36b"/><circle cx="${x}" cy="164" r="30" fill="url(#glow)"/>`;
  }).join('');
  const tiles: string[] = [];
  for (let row = 0; row < 9; row++) {
    const y0 = floor + ((VH - floor) * row * row) / 81;
    const y1 = floor + ((VH - floor) * (row + 1) * (row + 1)) / 81;
    const w0 = 90 + row * row * 6;
    const w1 = 90 + (row + 1) * (row + 1) * 6;
    for (let i = -14; i <= 14; i++) {
      if ((i + row) % 2 === 0) continue;
      tiles.push(`<path d="M${r1(1024 + i * w0)} ${r1(y0)} L${r1(1024 + (i + 1) * w0)} ${r1(y0)} L${r1(1024 + (i + 1) * w1)} ${r1(y1)} L${r1(1024 + i * w1)} ${r1(y1)} Z" fill="#2f2a28"/>`);
    }
  }
  return [
    `<defs>${vGrad('wall', [[0, '#f7efdf'], [1, '#e0d0b2']])}${vGrad('marbleCol', [[0, '#fbf7ee'], [0.5, '#e9dfca'], [1, '#cdbf9f']], 1, 0)}`,
    `${vGrad('window', [[0, '#bcd7f2'], [1, '#eaf3fb']])}${vGrad('stairs', [[0, '#efe5cf'], [1, '#cbb994']])}${radial('glow', [[0, '#fff0b8', 0.8], [1, '#fff0b8', 0]])}${radial('hall', [[0, '#fff8e6', 0.7], [1, '#fff8e6', 0]])}</defs>`,
    `<rect width="${VW}" height="${VH}" fill="url(#wall)"/>`,
    // The arched window at the back and the light it throws.
    `<path d="M824 ${floor - 420} V420 A200 200 0 0 1 1224 420 V${floor - 420} Z" fill="url(#window)" stroke="#c9a347" stroke-width="14"/>`,
    `<path d="M1024 240 V${floor - 420} M824 560 H1224 M824 720 H1224" stroke="#d8c9a0" stroke-width="8"/>`,
    `<circle cx="1024" cy="600" r="760" fill="url(#hall)"/>`,
    // The sweeping staircase: two curved flights meeting at a landing under the window.
    `<path d="M1224 ${floor - 420} H1420 Q1640 ${floor - 330} 1700 ${floor} H1420 Q1380 ${floor - 220} 1224 ${floor - 330} Z" fill="url(#stairs)"/>`,
    `<path d="M824 ${floor - 420} H628 Q408 ${floor - 330} 348 ${floor} H628 Q668 ${floor - 220} 824 ${floor - 330} Z" fill="url(#stairs)"/>`,
    ...Array.from({ length: 10 }, (_, i) => {
      const t = (i + 1) / 11;
      const y = floor - 420 + 420 * t;
      return `<path d="M${r1(1224 + 200 * t * t + 40)} ${r1(y)} h${r1(240 - 40 * t)}" stroke="#b9a57b" stroke-width="4"/><path d="M${r1(824 - 200 * t * t - 40)} ${r1(y)} h${r1(-(240 - 40 * t))}" stroke="#b9a57b" stroke-width="4"/>`;
    }),
    `<path d="M1420 ${floor - 470} Q1660 ${floor - 370} 1730 ${floor - 40}" fill="none" stroke="#7a5a2a" stroke-width="14"/><path d="M628 ${floor - 470} Q388 ${floor - 370} 318 ${floor - 40}" fill="none" stroke="#7a5a2a" stroke-width="14"/>`,
    column(150),
    column(VW - 300),
    `<rect y="200" width="${VW}" height="26" fill="#e9dcbc" stroke="#c9a347" stroke-width="4"/>`,
    `<path d="M1024 0 V150" stroke="#b89436" stroke-width="8"/><ellipse cx="1024" cy="210" rx="230" ry="46" fill="none" stroke="#c9a347" stroke-width="14"/>`,
    candles,
    crystals,
    `<rect y="${floor}" width="${VW}" height="${VH - floor}" fill="#efe9dc"/>`,
    tiles.join(''),
    `<path d="M0 ${floor} H${VW}" stroke="#c9a347" stroke-width="8"/>`,
  ].join('');
}

export function newYearDinner(family: string): string {
  const floor = 1200;
  const table = 930;
  const dishes = [
    // [cx, colour of the food, rim]
    [560, '#d9822b'],
    [820, '#f2e7d0'],
    [1228, '#b5341f'],
    [1488, '#6c9a3a'],
  ]
    .map(([x, c]) => `<ellipse cx="${x}" cy="${table + 10}" rx="120" ry="36" fill="#fbfbf7" stroke="#2a4b9b" stroke-width="6"/><ellipse cx="${x}" cy="${table + 2}" rx="78" ry="20" fill="${c}"/>`)
    .join('');
  // The whole fish in the middle: 年年有餘.
  const fish = `<ellipse cx="1024" cy="${table + 14}" rx="170" ry="44" fill="#fbfbf7" stroke="#c9a347" stroke-width="6"/><path d="M900 ${table + 6} q124 -56 230 0 l40 -26 v52 l-40 -26 q-106 56 -230 0 z" fill="#d66a2c"/><circle cx="920" cy="${table}" r="6" fill="#1b1b1b"/>`;
  const dumplings = Array.from({ length: 5 }, (_, i) => `<path d="M${300 + i * 34} ${table + 4} q17 -30 34 0 z" fill="#fff8ea" stroke="#e2d3b2" stroke-width="2"/>`).join('');
  return [
    `<defs>${vGrad('wall', [[0, '#7a0f12'], [1, '#4d080a']])}${vGrad('cloth', [[0, '#c91e24'], [1, '#8d1116']])}${vGrad('floorGrad', [[0, '#5a2616'], [1, '#2e120a']])}${LANTERN_DEFS}`,
    `${radial('warm', [[0, '#ffb35c', 0.45], [1, '#ffb35c', 0]])}</defs>`,
    `<rect width="${VW}" height="${VH}" fill="url(#wall)"/>`,
    // A faint pattern of gold coins on the wall.
    ...Array.from({ length: 7 }, (_, j) =>
      Array.from({ length: 11 }, (_, i) => `<circle cx="${100 + i * 190 + (j % 2) * 95}" cy="${80 + j * 130}" r="26" fill="none" stroke="#e0a93b" stroke-opacity="0.13" stroke-width="5"/>`).join(''),
    ),
    `<circle cx="1024" cy="560" r="900" fill="url(#warm)"/>`,
    // Couplets: 春回大地 / 福滿人間 with 新春大吉 across the top.
    `<rect x="200" y="160" width="150" height="640" fill="#d0141c" stroke="#f4c542" stroke-width="6"/>${verticalText('春回大地', 275, 240, 110, '#f6d36b', family)}`,
    `<rect x="${VW - 350}" y="160" width="150" height="640" fill="#d0141c" stroke="#f4c542" stroke-width="6"/>${verticalText('福滿人間', VW - 275, 240, 110, '#f6d36b', family)}`,
    `<rect x="694" y="70" width="660" height="130" fill="#d0141c" stroke="#f4c542" stroke-width="6"/><text x="1024" y="136" text-anchor="middle" dominant-baseline="central" font-family="${family}" font-weight="bold" font-size="100" fill="#f6d36b" letter-spacing="20">新春大吉</text>`,
    fuDiamond(1024, 470, 260, family, true),
    lantern(560, 300, 110),
    lantern(1488, 300, 110),
    `<path d="M560 0 V175 M1488 0 V175" stroke="#c8961e" stroke-width="6"/>`,
    // The table, its red cloth and the dishes.
    `<rect y="${floor}" width="${VW}" height="${VH - floor}" fill="url(#floorGrad)"/>`,
    `<path d="M160 ${table} H1888 L1948 ${table + 250} H100 Z" fill="url(#cloth)"/><rect x="160" y="${table - 30}" width="1728" height="40" rx="18" fill="#e23a32"/>`,
    `<path d="M100 ${table + 250} H1948" stroke="#f4c542" stroke-width="10"/>`,
    dishes,
    fish,
    dumplings,
    `<rect x="1670" y="${table - 110}" width="26" height="110" fill="#f4c542"/><rect x="1720" y="${table - 90}" width="26" height="90" fill="#f4c542"/>`,
  ].join('');
}

export function guochao(family: string): string {
  const floor = 1190;
  const rand = mulberry32(7);
  // Auspicious clouds (祥雲) in gold line across the red wall.
  const clouds = Array.from({ length: 14 }, () => {
    const x = rand() * VW;
    const y = 80 + rand() * 900;
    const s = 0.6 + rand() * 0.8;
    return `<path transform="translate(${r1(x)} ${r1(y)}) scale(${s.toFixed(2)})" d="M-90 0 q0 -40 40 -40 q10 -40 50 -30 q40 -30 70 10 q40 0 40 40 z" fill="none" stroke="#f2c14e" stroke-opacity="0.45" stroke-width="6"/>`;
  }).join('');
  const blossoms = Array.from({ length: 16 }, () => {
    const x = 760 + rand() * 560;
    const y = 330 + rand() * 330;
    return `<circle cx="${r1(x)}" cy="${r1(y)}" r="${r1(12 + rand() * 10)}" fill="#f37c9b"/><circle cx="${r1(x)}" cy="${r1(y)}" r="5" fill="#ffe08a"/>`;
  }).join('');
  return [
    `<defs>${vGrad('wall', [[0, '#c0161f'], [1, '#86090f']])}${vGrad('moon', [[0, '#fff4dc'], [1, '#f4cf9a']])}${vGrad('stage', [[0, '#9b1b1b'], [1, '#4e0b0b']])}${LANTERN_DEFS}</defs>`,
    `<rect width="${VW}" height="${VH}" fill="url(#wall)"/>`,
    clouds,
    // The moon gate with a plum branch across its light.
    `<circle cx="1024" cy="600" r="440" fill="#f2c14e"/><circle cx="1024" cy="600" r="400" fill="url(#moon)"/>`,
    `<path d="M1330 340 Q1120 430 1000 560 Q900 660 720 680 M1000 560 Q1060 480 1210 470 M880 640 Q860 560 780 520" fill="none" stroke="#4b2a1a" stroke-width="16" stroke-linecap="round"/>`,
    blossoms,
    `<circle cx="1024" cy="600" r="420" fill="none" stroke="#8f0a12" stroke-width="10"/>`,
    // Paper-cut window flowers and hanging lanterns at the sides.
    fuDiamond(330, 560, 220, family),
    fuDiamond(VW - 330, 560, 220, family),
    `<path d="M330 0 V250 M${VW - 330} 0 V250" stroke="#f2c14e" stroke-width="6"/>`,
    lantern(330, 330, 90, false),
    lantern(VW - 330, 330, 90, false),
    `<rect y="${floor - 24}" width="${VW}" height="24" fill="#f2c14e"/>`,
    `<rect y="${floor}" width="${VW}" height="${VH - floor}" fill="url(#stage)"/>`,
    ...Array.from({ length: 12 }, (_, i) => `<path d="M${i * 180 - 40} ${floor + 60} q90 -40 180 0" fill="none" stroke="#f2c14e" stroke-opacity="0.35" stroke-width="5"/>`),
  ].join('');
}
