// electron-builder afterPack hook (electron-builder.yml): the packaged app
// carries ffmpeg-static's binary, unpacked beside app.asar, for the platform
// and architecture the app is built FOR. `npm ci` downloaded the one for the
// machine that builds, which is wrong when building for another (Windows on
// Linux, a macOS arm64 app on an Intel Mac): then the target's binary is
// fetched from ffmpeg-static's release, as its installer does (same URL,
// same FFMPEG_BINARIES_URL override), and checked before it is kept.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// electron-builder's Arch enum → ffmpeg-static's architecture names.
const ARCH = { 0: 'ia32', 1: 'x64', 2: 'arm', 3: 'arm64' };

/** Platform and architecture of an executable from its header; null when it is none we know. */
export function binaryTarget(buf) {
  if (buf.length >= 20 && buf.readUInt32BE(0) === 0x7f454c46) {
    const machine = { 0x3e: 'x64', 0xb7: 'arm64', 0x28: 'arm', 0x03: 'ia32' }[buf.readUInt16LE(18)];
    return machine ? { platform: 'linux', arch: machine } : null;
  }
  if (buf.length >= 8 && buf.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = { 0x01000007: 'x64', 0x0100000c: 'arm64' }[buf.readUInt32LE(4)];
    return cpu ? { platform: 'darwin', arch: cpu } : null;
  }
  if (buf.length >= 0x40 && buf.toString('latin1', 0, 2) === 'MZ') {
    const pe = buf.readUInt32LE(0x3c);
    if (buf.length < pe + 6 || buf.toString('latin1', pe, pe + 4) !== 'PE\0\0') return null;
    const machine = { 0x8664: 'x64', 0x14c: 'ia32', 0xaa64: 'arm64' }[buf.readUInt16LE(pe + 4)];
    return machine ? { platform: 'win32', arch: machine } : null;
  }
  return null;
}

function head(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    return buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

function resourcesDir(context) {
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') {
    return path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources');
  }
  return path.join(context.appOutDir, 'resources');
}

export default async function afterPack(context) {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = ARCH[context.arch];
  if (!arch) throw new Error(`after-pack-ffmpeg: ffmpeg-static has no binary for ${platform} architecture ${context.arch} (a universal macOS app needs one build per architecture).`);
  const dir = path.join(resourcesDir(context), 'app.asar.unpacked', 'node_modules', 'ffmpeg-static');
  if (!fs.existsSync(path.join(dir, 'package.json'))) {
    throw new Error(`after-pack-ffmpeg: ${dir} is missing: ffmpeg-static was not installed. Run \`npm ci\` with network access (and its install script allowed) before packaging.`);
  }
  const exe = path.join(dir, platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg');
  const present = [path.join(dir, 'ffmpeg'), path.join(dir, 'ffmpeg.exe')].filter((f) => fs.existsSync(f));
  const matches = (file) => {
    const t = binaryTarget(head(file));
    return t !== null && t.platform === platform && t.arch === arch;
  };
  if (fs.existsSync(exe) && matches(exe)) {
    for (const f of present) if (f !== exe) fs.rmSync(f);
    console.log(`after-pack-ffmpeg: ${exe} is already for ${platform}-${arch}`);
    return;
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const settings = pkg['ffmpeg-static'] ?? {};
  const release = process.env[settings['binary-release-tag-env-var'] ?? 'FFMPEG_BINARY_RELEASE'] || settings['binary-release-tag'];
  const base = process.env[settings['binaries-url-env-var'] ?? 'FFMPEG_BINARIES_URL'] || 'https://github.com/eugeneware/ffmpeg-static/releases/download';
  const url = `${base}/${release}/${platform}-${arch}.gz`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`after-pack-ffmpeg: ${url} answered ${res.status}`);
  const bin = zlib.gunzipSync(Buffer.from(await res.arrayBuffer()));
  const got = binaryTarget(bin);
  if (!got || got.platform !== platform || got.arch !== arch) {
    throw new Error(`after-pack-ffmpeg: ${url} is not an ffmpeg for ${platform}-${arch} (${got ? `${got.platform}-${got.arch}` : 'unknown format'})`);
  }
  for (const f of present) fs.rmSync(f);
  fs.writeFileSync(exe, bin, { mode: 0o755 });
  console.log(`after-pack-ffmpeg: ${exe} ← ${url}`);
}
