/** A column's histogram (or its frequent values' counts) drawn tiny under its header name, when sparklines are on. */
import { useEffect, useSyncExternalStore } from 'react';
import { profileBars } from '../../shared/profile-format';
import type { SparklineStore } from './sparklines';
import { Histogram, type Bar } from './Histogram';

export function HeaderSparkline({ store, column }: { store: SparklineStore; column: number }): React.JSX.Element | null {
  useSyncExternalStore(store.subscribe, () => store.version);
  const loader = store.current;
  // ag-grid draws headers only for the columns in view, so only those are computed.
  useEffect(() => loader?.request([column]), [loader, column]);
  if (!loader) return null;
  const state = loader.get(column);
  const profile = state && !('error' in state) ? state : null;
  const bars: Bar[] = profile?.text ? profile.text.top.map((t) => ({ count: t.count, label: t.value })) : profile ? profileBars(profile) : [];
  return (
    <span className="header-sparkline" aria-hidden={bars.length === 0}>
      {bars.length > 0 && <Histogram bars={bars} width={96} height={14} label={profile?.text ? 'Most frequent values' : 'Histogram'} />}
    </span>
  );
}
