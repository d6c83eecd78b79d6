/** Column header label with the DuckDB type under the name; the grid keeps its own sort and filter icons. */
import type { CustomInnerHeaderProps } from 'ag-grid-react';

export function TypedHeader(props: CustomInnerHeaderProps & { duckdbType?: string }): React.JSX.Element {
  return (
    <span className="typed-header">
      <span className="typed-header-name">{props.displayName}</span>
      <span className="typed-header-type">{props.duckdbType}</span>
    </span>
  );
}
