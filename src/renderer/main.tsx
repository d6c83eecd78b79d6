/** The page's entry: the theme before the first paint, ag-grid's modules, then the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ModuleRegistry, AllCommunityModule } from 'ag-grid-community';
import { App } from './app/App';
import './styles.css';
import { startTheme } from './theme/theme';

startTheme();

ModuleRegistry.registerModules([AllCommunityModule]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
