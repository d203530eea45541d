/**
 * Owners, owned objects and links of the shown object, from its own cluster: each opens that
 * object's panel in the same cluster (`clusterId` carried over, never "the current cluster").
 */
import type { RelatedObject } from '../../../core/types.generated';
import { useObjectPanel } from '../ObjectPanelProvider';
import { FactTable } from './Facts';

export function RelatedObjects({
  clusterId,
  related,
  notes,
}: {
  clusterId: string;
  related: RelatedObject[];
  notes: string[];
}) {
  const { openObject } = useObjectPanel();
  return (
    <FactTable
      title="Related objects"
      columns={['Relation', 'Kind', 'Name', 'Status']}
      rows={related.map(({ relation, status, ...ref }) => ({
        key: `${relation}/${ref.kind}/${ref.namespace}/${ref.name}`,
        cells: [
          relation,
          ref.kind,
          <button
            key="open"
            type="button"
            className="link-button object-details__link"
            data-testid="related-link"
            data-kind={ref.kind}
            onClick={() => openObject({ ...ref, clusterId, uid: null })}
          >
            {ref.namespace && ref.kind !== 'Node' ? `${ref.namespace}/` : ''}
            {ref.name}
          </button>,
          status,
        ],
      }))}
    >
      {notes.map((note) => (
        <p key={note} className="object-details__note" role="note">
          {note}
        </p>
      ))}
    </FactTable>
  );
}
