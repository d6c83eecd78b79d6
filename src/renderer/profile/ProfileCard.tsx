/** One column's profile card: type, counts, the statistics of its kind, a histogram and the frequent values; a bar or a value filters the grid. */
import { forwardRef, memo } from 'react';
import type { ColumnInfo, ColumnFilter } from '../../shared/types';
import { valueFilter } from '../../shared/profile';
import { profileBars, profileStats } from '../../shared/profile-format';
import { formatCount } from '../../shared/format';
import type { ProfileState } from './profile-loader';
import { Histogram } from './Histogram';

export interface ProfileCardProps {
  index: number;
  column: ColumnInfo;
  state: ProfileState;
  /** False until the card first comes near the view: a shell with its name and type only. */
  drawn: boolean;
  /** Absent where there is no grid to filter (a table's profile from the schema panel). */
  onFilter?(column: number, filter: ColumnFilter): void;
}

// Memoized: a 500-column profile redraws only the cards whose profile arrived.
export const ProfileCard = memo(
  forwardRef<HTMLElement, ProfileCardProps>(function ProfileCard({ index, column, state: computed, drawn, onFilter }, ref) {
    const state = drawn ? computed : undefined;
    const ready = state !== undefined && !('error' in state);
    return (
      <article ref={ref} className="profile-card" data-column={index} aria-label={`Profile of ${column.name}`} aria-busy={state === undefined}>
        <header className="profile-card-head">
          <span className="profile-card-name" title={column.name}>
            {column.name}
          </span>
          <span className="profile-card-type">{column.type}</span>
        </header>
        {state === undefined && <p className="profile-card-wait">Computing…</p>}
        {state !== undefined && 'error' in state && (
          <p className="profile-card-error" role="alert">
            {state.error}
          </p>
        )}
        {ready && (
          <>
            <dl className="profile-stats">
              {profileStats(state).map(([label, value]) => (
                <div key={label} className={value.length > 16 ? 'wide' : undefined}>
                  <dt>{label}</dt>
                  <dd title={value}>{value}</dd>
                </div>
              ))}
            </dl>
            {(() => {
              const bars = profileBars(state);
              if (bars.length === 0 || state.boolean) return null;
              return (
                <div className="profile-histogram">
                  <Histogram
                    bars={bars}
                    width={248}
                    height={56}
                    label={`Histogram of ${column.name}${state.date?.unit ? `, one bar per ${state.date.unit}` : ''}`}
                    onSelect={onFilter ? (i) => onFilter(index, bars[i]!.filter) : undefined}
                  />
                  <div className="profile-axis">
                    <span>{bars[0]!.label.split(' – ')[0]}</span>
                    <span>{bars[bars.length - 1]!.label.split(' – ').pop()}</span>
                  </div>
                </div>
              );
            })()}
            {state.text && state.text.top.length > 0 && (
              <ol className="profile-top" aria-label={`Most frequent values of ${column.name}`}>
                {state.text.top.map((v) => (
                  <li key={v.value}>
                    {onFilter ? (
                      <button
                        type="button"
                        className="profile-value"
                        title={`Filter the grid to ${JSON.stringify(v.value)}`}
                        onClick={() => onFilter(index, valueFilter(v.value))}
                      >
                        <Value text={v.value} />
                      </button>
                    ) : (
                      <span className="profile-value">
                        <Value text={v.value} />
                      </span>
                    )}
                    <span className="profile-count">{formatCount(v.count)}</span>
                    <span className="profile-share" style={{ width: `${Math.round((60 * v.count) / Math.max(1, state.text!.top[0]!.count))}px` }} />
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </article>
    );
  }),
);

/** A value as text, with empty strings and surrounding spaces made visible. */
function Value({ text }: { text: string }): React.JSX.Element {
  if (text === '') return <em className="profile-special">(empty)</em>;
  const padded = text !== text.trim();
  return <span className={padded ? 'profile-padded' : undefined}>{padded ? `“${text}”` : text}</span>;
}
