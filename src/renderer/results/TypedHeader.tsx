/** Column header label with the DuckDB type under the name (and the column's sparkline when on); the grid keeps its own sort and filter icons. */
import type { CustomInnerHeaderProps } from 'ag-grid-react';
import { HeaderSparkline } from '../profile/HeaderSparkline';
import type { SparklineStore } from '../profile/sparklines';

export function TypedHeader(props: CustomInnerHeaderProps & { duckdbType?: string; sparklines?: SparklineStore; column?: number }): React.JSX.Element {
  return (
    <span className="typed-header">
      <span className="typed-header-name">{props.displayName}</span>
      <span className="typed-header-type">{props.duckdbType}</span>
      {props.sparklines && props.column !== undefined && <HeaderSparkline store={props.sparklines} column={props.column} />}
    </span>
  );
}
