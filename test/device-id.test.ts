import { describe, expect, it } from 'vitest';
import { SIGNAL_KEYS, canonicalSignals, deviceId, type DeviceSignals } from '../src/renderer/device/device-id.js';

const base: DeviceSignals = {
  screen: '1920x1080x24@1',
  timezone: 'Asia/Taipei',
  languages: 'zh-TW,en-US',
  canvas: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA',
  webgl: 'Google Inc. (Intel) | ANGLE (Intel, Mesa Intel(R) UHD Graphics 620)',
  fonts: 'DejaVu Sans,Noto Sans CJK TC',
  audio: '124.04347527',
};
const SALT = 'a'.repeat(64);

describe('device id (seed §7.3)', () => {
  it('is a stable SHA-256 for the same traits and salt, whatever the key order', async () => {
    const a = await deviceId(base, SALT);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as unknown as DeviceSignals;
    expect(await deviceId(reordered, SALT)).toBe(a);
    expect(await deviceId({ ...base }, SALT)).toBe(a);
  });

  it('changes when any one trait changes, and with the salt', async () => {
    const a = await deviceId(base, SALT);
    const ids = new Set([a]);
    for (const key of SIGNAL_KEYS) ids.add(await deviceId({ ...base, [key]: `${base[key]}x` }, SALT));
    expect(ids.size).toBe(SIGNAL_KEYS.length + 1);
    expect(await deviceId(base, 'b'.repeat(64))).not.toBe(a);
  });

  it('covers every trait the seed lists, and one trait cannot spill into another', async () => {
    expect([...SIGNAL_KEYS].sort()).toEqual(['audio', 'canvas', 'fonts', 'languages', 'screen', 'timezone', 'webgl']);
    const spilled = { ...base, screen: `${base.screen}\ntimezone="Asia/Taipei"`, timezone: '' };
    expect(canonicalSignals(spilled)).not.toBe(canonicalSignals(base));
    expect(await deviceId(spilled, SALT)).not.toBe(await deviceId(base, SALT));
  });
});
