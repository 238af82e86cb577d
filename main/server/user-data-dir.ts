/** The folder Electron's app.getPath('userData') gives, so both modes open the same workspace. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function userDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Trailkeeper');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Trailkeeper');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Trailkeeper');
}
