/** Types of after-pack-ffmpeg.mjs, for the tests. */
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  /** electron-builder's Arch: 0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal. */
  arch: number;
  packager: { appInfo: { productFilename: string } };
}
export function binaryTarget(buf: Buffer): { platform: 'linux' | 'darwin' | 'win32'; arch: string } | null;
export default function afterPack(context: PackContext): Promise<void>;
