import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The studio's data folder: KINGJAM_HOME, else the per-OS app-data folder. */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.KINGJAM_HOME) return path.resolve(env.KINGJAM_HOME);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'KingJam Studio');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'KingJam Studio');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'kingjam-studio');
}

export interface DataPaths {
  home: string;
  database: string;
  library: string;
  thumbs: string;
  temp: string;
  staging: string;
  outputs: string;
}

export function dataPaths(home: string): DataPaths {
  return {
    home,
    database: path.join(home, 'studio.sqlite'),
    library: path.join(home, 'library'),
    thumbs: path.join(home, 'library', 'thumbs'),
    temp: path.join(home, 'tmp'),
    staging: path.join(home, 'staging'),
    // Inside the library folder, so the media protocol can show rendered outputs.
    outputs: path.join(home, 'library', 'outputs'),
  };
}

/** The app's shipped resources (samples, music beds, fonts): at the same depth from src/main and dist/main. */
export function resourcesDir(): string {
  return process.env.KINGJAM_RESOURCES ?? fileURLToPath(new URL('../../resources/', import.meta.url));
}
