/** The page's entry: the theme before the first paint, then the app (ag-grid loads with the first result: results/ResultGrid.tsx). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles.css';
import { startTheme } from './theme/theme';

startTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
