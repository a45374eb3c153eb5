/**
 * Where the database lives when no Electron is around to say (the web host, the start script):
 * the same folder Electron's app.getPath('userData') gives for our product name.
 */
import os from 'node:os';
import path from 'node:path';

import { PRODUCT_NAME } from '../../shared/product';

export { PRODUCT_NAME };
export const DB_FILE_NAME = 'appraisal.sqlite';

export function defaultDataFolder(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), PRODUCT_NAME);
}

/** APPRAISAL_DB when set, else <data folder>/appraisal.sqlite. */
export function resolveDbPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const named = env.APPRAISAL_DB?.trim();
  return named ? path.resolve(named) : path.join(defaultDataFolder(env, platform), DB_FILE_NAME);
}
