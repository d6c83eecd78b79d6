/** The toolbar's theme choice: System / Light / Dark, stored by the host (App's setTheme) and applied at once. */
import { useContext } from 'react';
import { THEMES, type ThemeChoice } from '../../shared/settings';
import { ActionContextValue } from '../commands/ActionButton';
import { useThemeChoice } from './theme';

const LABELS: Record<ThemeChoice, string> = { system: 'System theme', light: 'Light', dark: 'Dark' };

export function ThemeSelect(): React.JSX.Element {
  const ctx = useContext(ActionContextValue);
  const choice = useThemeChoice();
  return (
    <select
      className="theme-select"
      aria-label="Theme"
      title="Colour theme: follow the system, light or dark"
      data-testid="theme-select"
      value={choice}
      onChange={(e) => ctx?.setTheme(e.target.value as ThemeChoice)}
    >
      {THEMES.map((t) => (
        <option key={t} value={t}>
          {LABELS[t]}
        </option>
      ))}
    </select>
  );
}
