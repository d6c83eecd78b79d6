/** Offers unsaved work that an earlier session autosaved before it ended unexpectedly. */
import type { RecoveryEntry } from '../../shared/host-api';

export function RecoveryBanner({
  entries,
  onRestore,
  onDiscard,
}: {
  entries: RecoveryEntry[];
  onRestore(e: RecoveryEntry): void;
  onDiscard(e: RecoveryEntry): void;
}): React.JSX.Element {
  return (
    <div className="recovery" role="region" aria-label="Recovered work">
      {entries.map((e) => (
        <p key={e.id}>
          <span>
            Unsaved changes to <strong>{e.title}</strong> from {new Date(e.savedAt).toLocaleString()} were recovered.
          </span>
          <button type="button" className="button primary" onClick={() => onRestore(e)}>
            Restore
          </button>
          <button type="button" className="button" onClick={() => onDiscard(e)}>
            Discard
          </button>
        </p>
      ))}
    </div>
  );
}
