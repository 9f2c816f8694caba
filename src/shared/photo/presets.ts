import type { Effect } from '../motion.js';

/**
 * The bundled backgrounds of the time-space puzzle and the makeover (seed 002
 * §3.1: 红木沙发 / 故宫 …). Each is drawn by the studio itself
 * (src/workers/photo/backgrounds/), so it ships with no licence question; the
 * prompt tells an image model what the background is, and `motion` is the
 * festive effect that suits it.
 */
export const BACKGROUND_PRESETS = [
  'rosewood-living-room',
  'forbidden-city-wall',
  'guochao',
  'european-mansion',
  'new-year-dinner',
  'lantern-festival',
  'snow',
  'seaside',
] as const;
export type BackgroundPreset = (typeof BACKGROUND_PRESETS)[number];

export interface PresetInfo {
  names: { 'zh-TW': string; 'zh-CN': string; en: string };
  /** What the background shows, in English, for the image models' prompts. */
  prompt: string;
  /** The micro-motion effect offered first for this background. */
  motion: Effect;
}

export const PRESET_INFO: Record<BackgroundPreset, PresetInfo> = {
  'rosewood-living-room': {
    names: { 'zh-TW': '紅木沙發客廳', 'zh-CN': '红木沙发客厅', en: 'Rosewood living room' },
    prompt: 'a warm Chinese living room with a carved rosewood sofa, red cushions and a calligraphy scroll on the wall',
    motion: 'lanterns',
  },
  'forbidden-city-wall': {
    names: { 'zh-TW': '故宮紅牆', 'zh-CN': '故宫红墙', en: 'Forbidden City red wall' },
    prompt: 'the vermilion wall and golden-tiled roof of the Forbidden City in Beijing on a clear day',
    motion: 'snow',
  },
  guochao: {
    names: { 'zh-TW': '新中式國潮', 'zh-CN': '新中式国潮', en: 'New Chinese guochao' },
    prompt: 'a modern Chinese "guochao" studio set with a round moon gate, red and gold patterns and paper cuttings',
    motion: 'fireworks',
  },
  'european-mansion': {
    names: { 'zh-TW': '歐式豪宅', 'zh-CN': '欧式豪宅', en: 'European mansion' },
    prompt: 'the grand hall of a European mansion with marble columns, a chandelier and a sweeping staircase',
    motion: 'snow',
  },
  'new-year-dinner': {
    names: { 'zh-TW': '春節年夜飯', 'zh-CN': '春节年夜饭', en: 'New Year’s Eve dinner' },
    prompt: 'a festive Chinese New Year’s Eve dinner table full of dishes, red lanterns and couplets behind it',
    motion: 'fireworks',
  },
  'lantern-festival': {
    names: { 'zh-TW': '元宵燈會', 'zh-CN': '元宵灯会', en: 'Lantern Festival' },
    prompt: 'a Lantern Festival night street hung with glowing red lanterns',
    motion: 'lanterns',
  },
  snow: {
    names: { 'zh-TW': '雪景', 'zh-CN': '雪景', en: 'Snow scene' },
    prompt: 'a quiet snowy landscape with snow-covered pines under a soft winter sky',
    motion: 'snow',
  },
  seaside: {
    names: { 'zh-TW': '海邊', 'zh-CN': '海边', en: 'Seaside' },
    prompt: 'a sunny seaside beach with gentle waves and a clear blue sky',
    motion: 'fireworks',
  },
};

export function isBackgroundPreset(id: string): id is BackgroundPreset {
  return (BACKGROUND_PRESETS as readonly string[]).includes(id);
}
