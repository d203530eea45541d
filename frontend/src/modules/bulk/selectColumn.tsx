/**
 * The checkbox column of the tables: picks a row for a bulk action. A click on it never opens
 * the row's panel.
 */
import type { ObjectRef } from '../../core/types.generated';
import type { GridColumn, TableRow } from '../../shared/components/tables/gridColumn';
import { objectRefOf } from '../object-panel/objectRef';
import { refKey, togglePicked, useIsPicked } from './bulkSelection';

export const SELECT_COLUMN: GridColumn = {
  id: 'select',
  header: 'Pick',
  width: 60,
  exported: false,
  text: () => '',
  render: (row: TableRow) => {
    const ref = objectRefOf(row);
    return ref ? <PickBox objectRef={ref} /> : null;
  },
};

function PickBox({ objectRef }: { objectRef: ObjectRef }) {
  const picked = useIsPicked(refKey(objectRef));
  const label = `Pick ${objectRef.kind} ${objectRef.namespace ? `${objectRef.namespace}/` : ''}${objectRef.name} on ${objectRef.clusterId}`;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: only keeps the row from opening
    // biome-ignore lint/a11y/useKeyWithClickEvents: the checkbox itself takes the keys
    <span className="bulk-pick" onClick={(event) => event.stopPropagation()}>
      <input
        type="checkbox"
        checked={picked}
        aria-label={label}
        data-testid="bulk-pick"
        onChange={() => togglePicked(objectRef)}
      />
    </span>
  );
}
