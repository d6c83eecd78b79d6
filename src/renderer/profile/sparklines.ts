/**
 * What the grid's header sparklines draw from: the profile loader of the result and filter on
 * screen, or none when sparklines are off. One store per grid, handed to every header once, so
 * switching sparklines or changing the filter redraws the headers without rebuilding the columns.
 */
import type { ProfileLoader } from './profile-loader';

export class SparklineStore {
  private loader: ProfileLoader | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();
  version = 0;

  get current(): ProfileLoader | null {
    return this.loader;
  }

  set(loader: ProfileLoader | null): void {
    if (loader === this.loader) return;
    this.unsubscribe?.();
    this.loader = loader;
    this.unsubscribe = loader ? loader.subscribe(() => this.changed()) : null;
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}
