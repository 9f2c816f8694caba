import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import afterPack, { binaryTarget } from '../scripts/after-pack-ffmpeg.mjs';
import type { PackContext } from '../scripts/after-pack-ffmpeg.mjs';
import { resolveFfTool } from '../src/node/ffmpeg.js';
import { tempHome } from './helpers/studio.js';

/**
 * The electron-builder hook that gives the packaged app ffmpeg-static's
 * binary for the platform it is built for, run on a packed app's layout with
 * ffmpeg-static's release served on loopback (FFMPEG_BINARIES_URL, the
 * override ffmpeg-static's own installer honours).
 */
function peHeader(machine: number): Buffer {
  const buf = Buffer.alloc(0x100);
  buf.write('MZ', 0, 'latin1');
  buf.writeUInt32LE(0x80, 0x3c);
  buf.write('PE\0\0', 0x80, 'latin1');
  buf.writeUInt16LE(machine, 0x84);
  return buf;
}
function machO(cpu: number): Buffer {
  const buf = Buffer.alloc(64);
  buf.writeUInt32LE(0xfeedfacf, 0);
  buf.writeUInt32LE(cpu, 4);
  return buf;
}

const served = new Map<string, Buffer>([
  ['/b6.0/win32-x64.gz', zlib.gzipSync(peHeader(0x8664))],
  ['/b6.0/darwin-arm64.gz', zlib.gzipSync(machO(0x0100000c))],
  ['/b6.0/linux-arm64.gz', zlib.gzipSync(peHeader(0x8664))], // a wrong file: must be refused
]);
const requests: string[] = [];
const server = http.createServer((req, res) => {
  requests.push(req.url ?? '');
  const body = served.get(req.url ?? '');
  res.writeHead(body ? 200 : 404).end(body);
});
const savedUrl = process.env.FFMPEG_BINARIES_URL;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.FFMPEG_BINARIES_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  if (savedUrl === undefined) delete process.env.FFMPEG_BINARIES_URL;
  else process.env.FFMPEG_BINARIES_URL = savedUrl;
});

/** A packed app as electron-builder lays it out, with the Linux x64 ffmpeg that `npm ci` fetched on this machine. */
function packedApp(platform: 'linux' | 'win32' | 'darwin'): { context: Omit<PackContext, 'arch'>; dir: string } {
  const out = tempHome('kingjam-pack-');
  const resources = platform === 'darwin' ? path.join(out, 'KingJam Studio.app', 'Contents', 'Resources') : path.join(out, 'resources');
  const dir = path.join(resources, 'app.asar.unpacked', 'node_modules', 'ffmpeg-static');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'ffmpeg-static', 'ffmpeg-static': { 'binary-release-tag': 'b6.0', 'binaries-url-env-var': 'FFMPEG_BINARIES_URL' } }));
  fs.copyFileSync(resolveFfTool('ffmpeg').path, path.join(dir, 'ffmpeg'));
  return { context: { appOutDir: out, electronPlatformName: platform, packager: { appInfo: { productFilename: 'KingJam Studio' } } }, dir };
}

describe('the packaged app ships ffmpeg-static for its own platform', () => {
  it.runIf(process.platform === 'linux' && process.arch === 'x64')('keeps the binary when it already is the target’s (reads real ELF headers)', async () => {
    expect(binaryTarget(fs.readFileSync(resolveFfTool('ffmpeg').path).subarray(0, 4096))).toEqual({ platform: 'linux', arch: 'x64' });
    const { context, dir } = packedApp('linux');
    requests.length = 0;
    await afterPack({ ...context, arch: 1 });
    expect(requests).toEqual([]);
    expect(fs.readdirSync(dir).sort()).toEqual(['ffmpeg', 'package.json']);
  });

  it('replaces it with the Windows x64 ffmpeg.exe when packing for Windows', async () => {
    const { context, dir } = packedApp('win32');
    await afterPack({ ...context, arch: 1 });
    expect(fs.readdirSync(dir).sort()).toEqual(['ffmpeg.exe', 'package.json']);
    expect(binaryTarget(fs.readFileSync(path.join(dir, 'ffmpeg.exe')))).toEqual({ platform: 'win32', arch: 'x64' });
  });

  it('puts the arm64 Mach-O binary inside the .app when packing for Apple silicon', async () => {
    const { context, dir } = packedApp('darwin');
    await afterPack({ ...context, arch: 3 });
    expect(dir).toContain(path.join('KingJam Studio.app', 'Contents', 'Resources', 'app.asar.unpacked'));
    expect(binaryTarget(fs.readFileSync(path.join(dir, 'ffmpeg')))).toEqual({ platform: 'darwin', arch: 'arm64' });
  });

  it('fails the pack when the download is not the target’s ffmpeg, or when ffmpeg-static is missing', async () => {
    const wrong = packedApp('linux');
    fs.writeFileSync(path.join(wrong.dir, 'ffmpeg'), 'not a binary');
    await expect(afterPack({ ...wrong.context, arch: 3 })).rejects.toThrow(/is not an ffmpeg for linux-arm64 \(win32-x64\)/);
    const missing = packedApp('win32');
    fs.rmSync(missing.dir, { recursive: true });
    await expect(afterPack({ ...missing.context, arch: 1 })).rejects.toThrow(/ffmpeg-static was not installed/);
    await expect(afterPack({ ...packedApp('darwin').context, arch: 4 })).rejects.toThrow(/universal/);
  });
});
