/**
 * The result grid's look: ag-grid's Quartz theme with its key colours taken from the app's CSS
 * variables (styles.css), so the grid follows the light and dark themes without being rebuilt.
 */
import { themeQuartz } from 'ag-grid-community';

export const GRID_THEME = themeQuartz.withParams({
  backgroundColor: 'var(--panel)',
  foregroundColor: 'var(--text)',
  textColor: 'var(--text)',
  headerTextColor: 'var(--text)',
  headerBackgroundColor: 'var(--subtle-bg)',
  chromeBackgroundColor: 'var(--subtle-bg)',
  borderColor: 'var(--border)',
  accentColor: 'var(--accent)',
  rowHoverColor: 'var(--hover-subtle)',
  selectedRowBackgroundColor: 'var(--selected)',
  browserColorScheme: 'inherit',
});
