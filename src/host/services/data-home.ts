/** Where the app keeps its own data (recent files, recovery copies). */
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * The web host's data folder: `$WORKBENCH_DATA_HOME`, else `$XDG_DATA_HOME/research-workbench`
 * (when that is an absolute path, as the XDG spec requires), else
 * `~/.local/share/research-workbench`. Electron uses app.getPath('userData') instead.
 */
export function defaultDataHome(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (env.WORKBENCH_DATA_HOME) return path.resolve(env.WORKBENCH_DATA_HOME);
  const xdg = env.XDG_DATA_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.local', 'share');
  return path.join(base, 'research-workbench');
}
