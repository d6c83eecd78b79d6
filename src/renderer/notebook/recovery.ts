/**
 * Recovery copies: which copies of the same notebook make one offer (recoveryOffers), and what a
 * restored notebook is compared and saved against. The recovered text is unsaved work on
 * top of the version of the file it was autosaved from (the entry's baseStamp), not on top of
 * whatever the file holds now: if the file changed on disk since the crash, saving must ask.
 */
import type { FileStamp, NotebookFile, RecoveryEntry } from '../../shared/host-api';
import { parseNotebook } from '../../shared/notebook';

export interface RecoveredBase {
  /** Saved with `expected: stamp`: a conflict (the question) when the file is no longer that version. */
  stamp: FileStamp | null;
  /** The text the recovered notebook is "dirty" against: the file's, when it is still the base version. */
  savedText: string;
}

/** `current`: the file as it is on disk now, or null when it is gone or unreadable. */
export function recoveredBase(entry: RecoveryEntry, current: NotebookFile | null): RecoveredBase {
  const base = entry.baseStamp ?? null;
  if (entry.path && base && current && current.stamp.sha256 === base.sha256 && current.stamp.size === base.size) {
    return { stamp: current.stamp, savedText: current.text };
  }
  // Changed since, gone, or an entry without a base (older versions): keep the base, or none at all,
  // so that saving asks before replacing the file.
  return { stamp: base, savedText: '' };
}

/** One copy of a notebook in a recovery offer: when it was saved and how many cells it holds. */
export interface RecoveryCopy {
  entry: RecoveryEntry;
  cells: number;
}

/** The recovery copies of one notebook (same file, or same title when never saved), newest first; identical texts once. */
export interface RecoveryOffer {
  key: string;
  title: string;
  path: string | null;
  copies: RecoveryCopy[];
  /** Every entry of this notebook, duplicates included: discarded together. */
  entries: RecoveryEntry[];
}

/** Collapses the recovery copies of each notebook into one offer (entries come newest first). */
export function recoveryOffers(entries: readonly RecoveryEntry[]): RecoveryOffer[] {
  const offers = new Map<string, RecoveryOffer>();
  const byTime = [...entries].sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
  for (const entry of byTime) {
    const key = entry.path ? `path:${entry.path}` : `title:${entry.title}`;
    let offer = offers.get(key);
    if (!offer) {
      offer = { key, title: entry.title, path: entry.path, copies: [], entries: [] };
      offers.set(key, offer);
    }
    offer.entries.push(entry);
    if (!offer.copies.some((c) => c.entry.text === entry.text)) offer.copies.push({ entry, cells: parseNotebook(entry.text).blocks.length });
  }
  return [...offers.values()];
}
