/** A column's histogram (or its frequent values' counts) drawn tiny under its header name, when sparklines are on. */
import { useEffect, useSyncExternalStore } from 'react';
import { profileBars } from '../../shared/profile-format';
import type { SparklineStore } from './sparklines';
import { Histogram, type Bar } from './Histogram';

export function HeaderSparkline({ store, column }: { store: SparklineStore; column: number }): React.JSX.Element | null {
  useSyncExternalStore(store.subscribe, () => store.version);
  const loader = store.current;
  const state = loader?.get(column);
  // ag-grid draws headers only for the columns in view, so only those are computed. Asked again
  // after a cancel (closing the profile view cancels its loader's queue); a no-op once done.
  useEffect(() => {
    if (state === undefined) loader?.request([column]);
  });
  if (!loader) return null;
  const profile = state && !('error' in state) ? state : null;
  const bars: Bar[] = profile?.text ? profile.text.top.map((t) => ({ count: t.count, label: t.value })) : profile ? profileBars(profile) : [];
  return (
    <span className="header-sparkline" aria-hidden={bars.length === 0}>
      {bars.length > 0 && <Histogram bars={bars} width={96} height={14} label={profile?.text ? 'Most frequent values' : 'Histogram'} />}
    </span>
  );
}
