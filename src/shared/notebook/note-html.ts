/**
 * Markdown notes to safe HTML, the same in the app and in HTML reports: marked renders, DOMPurify
 * strips anything that could run, load, restyle the page or clobber a global. A note the renderer
 * cannot handle comes back as a problem to show next to the plain text, never as an exception.
 * DOMPurify needs a DOM: the page passes its own DOMPurify, Node code one made over a jsdom window.
 */
import { marked } from 'marked';
import type { DOMPurify } from 'dompurify';
import { noteRenderProblem } from './note-limits';

export type RenderedNote = { html: string; problem?: undefined } | { html?: undefined; problem: string };
export type NoteRenderer = (text: string) => RenderedNote;

export const SANITIZE_OPTIONS = {
  USE_PROFILES: { html: true },
  // No remote content: images only from data: URLs; links open only after the user confirms.
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed', 'link', 'meta', 'base'],
  // `style` could lay a fake toolbar over the app and `class` borrow the app's own (fixed, z-indexed) styles.
  FORBID_ATTR: ['style', 'class', 'srcset', 'poster', 'background'],
  // id="workbench" would otherwise become window.workbench (DOM clobbering): ids and names get a prefix.
  SANITIZE_NAMED_PROPS: true,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#|data:image\/)/i,
};

/** The note renderer over one DOMPurify instance (its hook is added once, here). */
export function noteRenderer(purify: DOMPurify): NoteRenderer {
  // URI attributes may be http(s) (links, which ask before opening), but nothing may load from the
  // network: a `src` must be a data: image.
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName === 'src' && !/^data:image\//i.test(data.attrValue.trim())) data.keepAttr = false;
  });
  // An image left without a source shows nothing but a broken frame (and is invalid HTML in a
  // report): it goes. One without a description gets an empty alt, marking it decorative.
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'IMG') return;
    if (!node.hasAttribute('src')) node.remove();
    else if (!node.hasAttribute('alt')) node.setAttribute('alt', '');
  });
  return (text) => {
    const problem = noteRenderProblem(text);
    if (problem) return { problem };
    try {
      const html = marked.parse(text, { async: false, gfm: true, breaks: false });
      return { html: purify.sanitize(html, SANITIZE_OPTIONS) };
    } catch (e) {
      // The limits should keep marked within its stack; if a new pattern does not, say so and go on.
      return { problem: `This note could not be formatted (${(e as Error).message.split('\n')[0]}).` };
    }
  };
}
