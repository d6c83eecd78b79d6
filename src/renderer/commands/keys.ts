/**
 * Key combinations as written in the action registry ("Mod+Shift+Enter", "F1", "Alt+Shift+F"):
 * matching a key press and showing the combination the way the platform writes it. `Mod` is Cmd on
 * macOS and Ctrl elsewhere, as in CodeMirror and Electron's CmdOrCtrl.
 */

export type KeyEventLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'> & { code?: string };

interface Combo {
  mod: boolean;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  /** Lower case: "k", "enter", "f1", "escape", "?". */
  key: string;
}

export function isMacPlatform(platform: string = typeof navigator === 'undefined' ? '' : navigator.platform): boolean {
  return /^Mac|iPhone|iPad/.test(platform);
}

export function parseCombo(spec: string): Combo {
  const parts = spec.split('+');
  const key = parts.pop();
  if (!key) throw new Error(`Key combination ${JSON.stringify(spec)} names no key`);
  const combo: Combo = { mod: false, ctrl: false, shift: false, alt: false, key: key.toLowerCase() };
  for (const p of parts) {
    if (p === 'Mod') combo.mod = true;
    else if (p === 'Ctrl') combo.ctrl = true;
    else if (p === 'Shift') combo.shift = true;
    else if (p === 'Alt') combo.alt = true;
    else throw new Error(`Key combination ${JSON.stringify(spec)}: unknown modifier ${JSON.stringify(p)}`);
  }
  return combo;
}

/** The key a press means, independent of Shift and Alt changing the character (Alt+Shift+F types "Ï" on a Mac). */
function pressedKey(e: KeyEventLike): string {
  if (e.code && /^Key[A-Z]$/.test(e.code)) return e.code.slice(3).toLowerCase();
  if (e.code && /^Digit[0-9]$/.test(e.code)) return e.code.slice(5);
  return e.key.toLowerCase();
}

export function matchesCombo(spec: string, e: KeyEventLike, mac: boolean): boolean {
  const c = parseCombo(spec);
  const wantMeta = mac && c.mod;
  const wantCtrl = c.ctrl || (!mac && c.mod);
  if (e.metaKey !== wantMeta || e.ctrlKey !== wantCtrl || e.altKey !== c.alt) return false;
  // "?" is Shift+/ on most layouts: a printable key's own Shift is part of the character.
  if (c.key.length === 1 && !/[a-z0-9]/.test(c.key)) return e.key === c.key;
  return e.shiftKey === c.shift && pressedKey(e) === c.key;
}

const KEY_NAMES: Record<string, string> = { enter: 'Enter', escape: 'Esc', arrowup: '↑', arrowdown: '↓', ' ': 'Space', space: 'Space' };

/** The combination as the platform writes it: "Ctrl+Shift+Enter" elsewhere, "⇧⌘Enter" on macOS. */
export function formatCombo(spec: string, mac: boolean): string {
  const c = parseCombo(spec);
  const key = KEY_NAMES[c.key] ?? (c.key.length === 1 ? c.key.toUpperCase() : c.key.charAt(0).toUpperCase() + c.key.slice(1));
  if (mac) return `${c.ctrl ? '⌃' : ''}${c.alt ? '⌥' : ''}${c.shift ? '⇧' : ''}${c.mod ? '⌘' : ''}${key}`;
  return [...(c.ctrl || c.mod ? ['Ctrl'] : []), ...(c.shift ? ['Shift'] : []), ...(c.alt ? ['Alt'] : []), key].join('+');
}
