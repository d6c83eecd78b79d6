/** The page's note renderer: the shared one (src/shared/notebook/note-html.ts) over the page's own DOMPurify. */
import DOMPurify from 'dompurify';
import { noteRenderer } from '../../shared/notebook/note-html';

export type { RenderedNote } from '../../shared/notebook/note-html';

export const renderNote = noteRenderer(DOMPurify);
