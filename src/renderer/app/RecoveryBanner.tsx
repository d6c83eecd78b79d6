/**
 * Offers unsaved work that an earlier session autosaved before it ended unexpectedly: one offer per
 * notebook (its copies collapsed, recovery.ts), saying when it was saved and how many cells it
 * holds; where copies differ, the user picks which one to restore.
 */
import { useState } from 'react';
import type { RecoveryCopy, RecoveryOffer } from '../notebook/recovery';

const describe = (c: RecoveryCopy): string => `${new Date(c.entry.savedAt).toLocaleString()}, ${c.cells} ${c.cells === 1 ? 'cell' : 'cells'}`;

function Offer({ offer, onRestore, onDiscard }: { offer: RecoveryOffer; onRestore(o: RecoveryOffer, c: RecoveryCopy): void; onDiscard(o: RecoveryOffer): void }) {
  const [chosen, setChosen] = useState(0);
  const copy = offer.copies[chosen] ?? offer.copies[0]!;
  return (
    <p data-testid="recovery-offer">
      <span>
        Unsaved changes to <strong>{offer.title}</strong> were recovered:{' '}
        {offer.copies.length === 1 ? (
          <>saved {describe(copy)}.</>
        ) : (
          <select aria-label={`Copy of ${offer.title} to restore`} value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
            {offer.copies.map((c, i) => (
              <option key={c.entry.id} value={i}>
                {i === 0 ? 'newest, saved ' : 'saved '}
                {describe(c)}
              </option>
            ))}
          </select>
        )}
      </span>
      <button type="button" className="button primary" onClick={() => onRestore(offer, copy)}>
        Restore
      </button>
      <button type="button" className="button" onClick={() => onDiscard(offer)}>
        Discard
      </button>
    </p>
  );
}

export function RecoveryBanner({
  offers,
  onRestore,
  onDiscard,
}: {
  offers: RecoveryOffer[];
  onRestore(o: RecoveryOffer, c: RecoveryCopy): void;
  onDiscard(o: RecoveryOffer): void;
}): React.JSX.Element {
  return (
    <div className="recovery" role="region" aria-label="Recovered work">
      {offers.map((o) => (
        <Offer key={o.key} offer={o} onRestore={onRestore} onDiscard={onDiscard} />
      ))}
    </div>
  );
}
