/**
 * The device id from the traits seed §7.3 lists. Kept apart from their collection (signals.ts)
 * so it runs in Node too: the same traits and salt always give the same id, and any one trait
 * changing gives another.
 */
export interface DeviceSignals {
  /** Width × height × colour depth @ pixel ratio. */
  screen: string;
  /** The IANA time zone (not the offset, which moves with daylight saving). */
  timezone: string;
  /** The browser's preferred languages, in order. */
  languages: string;
  /** What this GPU and font stack draw for a fixed canvas scene. */
  canvas: string;
  /** The WebGL vendor and renderer (the GPU). */
  webgl: string;
  /** Which of a fixed list of fonts are installed. */
  fonts: string;
  /** What this machine's audio stack computes for a fixed offline signal. */
  audio: string;
}

export const SIGNAL_KEYS: readonly (keyof DeviceSignals)[] = ['screen', 'timezone', 'languages', 'canvas', 'webgl', 'fonts', 'audio'];

/** One line per trait in a fixed order, so the id does not depend on how the object was built. */
export function canonicalSignals(signals: DeviceSignals): string {
  return SIGNAL_KEYS.map((k) => `${k}=${JSON.stringify(signals[k])}`).join('\n');
}

/** SHA-256 (WebCrypto) of this install's salt and the traits, in hex. */
export async function deviceId(signals: DeviceSignals, salt: string, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<string> {
  const bytes = new TextEncoder().encode(`kingjam-device\u0000${salt}\u0000${canonicalSignals(signals)}`);
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
