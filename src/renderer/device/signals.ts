import type { DeviceSignals } from './device-id.js';

/** Fonts that tell systems apart (Windows, macOS, Linux, CJK packs, office suites). */
const FONT_PROBES = [
  'Arial', 'Calibri', 'Cambria', 'Consolas', 'Courier New', 'Georgia', 'Segoe UI', 'Tahoma', 'Verdana', 'Microsoft JhengHei', 'Microsoft YaHei', 'PMingLiU', 'SimSun',
  'Helvetica Neue', 'Menlo', 'Monaco', 'PingFang TC', 'PingFang SC', 'Hiragino Sans', 'Apple Color Emoji',
  'DejaVu Sans', 'Liberation Sans', 'Noto Sans CJK TC', 'Noto Sans CJK SC', 'Noto Color Emoji', 'Ubuntu', 'Cantarell', 'Roboto',
];

/** A failing probe (no WebGL, no audio) is a trait too, not an error. */
async function safely(probe: () => string | Promise<string>): Promise<string> {
  try {
    return await probe();
  } catch {
    return 'unavailable';
  }
}

function canvas(): string {
  const c = document.createElement('canvas');
  c.width = 240;
  c.height = 60;
  const g = c.getContext('2d');
  if (!g) return 'unavailable';
  g.textBaseline = 'top';
  g.font = '16px "Arial", sans-serif';
  g.fillStyle = '#f60';
  g.fillRect(100, 1, 62, 20);
  g.fillStyle = '#069';
  g.fillText('KingJam 金醬 Studio ✓ 🎬', 2, 15);
  g.fillStyle = 'rgba(102, 204, 0, 0.7)';
  g.beginPath();
  g.arc(50, 40, 18, 0, Math.PI * 2);
  g.fill();
  return c.toDataURL();
}

function webgl(): string {
  const gl = document.createElement('canvas').getContext('webgl');
  if (!gl) return 'unavailable';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const vendor = info ? gl.getParameter(info.UNMASKED_VENDOR_WEBGL) : gl.getParameter(gl.VENDOR);
  const renderer = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  return `${String(vendor)} | ${String(renderer)}`;
}

/** A font is installed when text set in it measures differently from each generic fallback. */
function fonts(): string {
  const g = document.createElement('canvas').getContext('2d');
  if (!g) return 'unavailable';
  const sample = 'mmmmmmmmmwwwwwlli 金醬字型';
  const width = (font: string) => {
    g.font = `32px ${font}`;
    return g.measureText(sample).width;
  };
  const bases = ['monospace', 'sans-serif', 'serif'].map((b) => [b, width(b)] as const);
  return FONT_PROBES.filter((f) => bases.some(([b, w]) => width(`"${f}", ${b}`) !== w)).join(',');
}

async function audio(): Promise<string> {
  const Offline = window.OfflineAudioContext;
  if (typeof Offline !== 'function') return 'unavailable';
  const ctx = new Offline(1, 5000, 44100);
  const osc = ctx.createOscillator();
  osc.type = 'triangle';
  osc.frequency.value = 10_000;
  const comp = ctx.createDynamicsCompressor();
  comp.threshold.value = -50;
  comp.knee.value = 40;
  comp.ratio.value = 12;
  comp.attack.value = 0;
  comp.release.value = 0.25;
  osc.connect(comp);
  comp.connect(ctx.destination);
  osc.start(0);
  const buffer = await ctx.startRendering();
  const data = buffer.getChannelData(0);
  let sum = 0;
  for (let i = 4500; i < 5000; i++) sum += Math.abs(data[i] ?? 0);
  return sum.toFixed(8);
}

/** Measures this machine the way seed §7.3 lists (in the desktop window and in a browser on the web bridge alike). */
export async function collectSignals(): Promise<DeviceSignals> {
  const s = window.screen;
  return {
    screen: `${s.width}x${s.height}x${s.colorDepth}@${window.devicePixelRatio}`,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    languages: (navigator.languages.length > 0 ? navigator.languages : [navigator.language]).join(','),
    canvas: await safely(canvas),
    webgl: await safely(webgl),
    fonts: await safely(fonts),
    audio: await safely(audio),
  };
}
