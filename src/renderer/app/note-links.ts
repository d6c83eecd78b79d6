/**
 * Links in notes open nothing by themselves: a click (or middle click) on one asks first, showing
 * the real URL, since a note from someone else can label any link "Save". In the browser the app
 * asks and opens a new tab; in Electron the main process asks natively before shell.openExternal.
 */
import { useEffect } from 'react';
import { isElectron } from '../host/host';
import type { Ask } from '../notebook/documents';

const OPENABLE = /^(?:https?|mailto):/i;

export function useNoteLinks(ask: Ask, report: (message: string) => void): void {
  useEffect(() => {
    const onClick = (e: MouseEvent): void => {
      const target = e.target instanceof Element ? e.target : null;
      const link = target?.closest('.markdown-body a[href]');
      if (!(link instanceof HTMLAnchorElement)) return;
      e.preventDefault();
      e.stopPropagation();
      if (e.type === 'auxclick' && e.button !== 1) return;
      const href = link.getAttribute('href') ?? '';
      if (href.startsWith('#')) return;
      const url = link.href;
      if (!OPENABLE.test(url)) return report(`This link was not opened: ${url.slice(0, 200)} is not a web or mail address.`);
      // Electron: main confirms (native dialog, with the URL) before handing it to the system browser.
      if (isElectron) return void window.open(url, '_blank', 'noopener,noreferrer');
      void ask({
        title: 'Open a link from this note?',
        message: `The link leads to ${url}. Open it in a new browser tab?`,
        choices: [
          { value: 'cancel', label: 'Cancel' },
          { value: 'open', label: 'Open link', primary: true },
        ],
        cancel: 'cancel',
      }).then((choice) => {
        if (choice === 'open') window.open(url, '_blank', 'noopener,noreferrer');
      });
    };
    document.addEventListener('click', onClick, true);
    document.addEventListener('auxclick', onClick, true);
    return () => {
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('auxclick', onClick, true);
    };
  }, [ask, report]);
}
