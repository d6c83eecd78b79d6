/**
 * What a restored notebook is compared and saved against. The recovered text is unsaved work on
 * top of the version of the file it was autosaved from (the entry's baseStamp), not on top of
 * whatever the file holds now: if the file changed on disk since the crash, saving must ask.
 */
import type { FileStamp, NotebookFile, RecoveryEntry } from '../../shared/host-api';

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
