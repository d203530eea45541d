/**
 * Owners, owned objects and links of the shown object, from its own cluster: each opens that
 * object's panel in the same cluster (`clusterId` carried over, never "the current cluster").
 */
import type { ObjectRef, RelatedObject } from '../../../core/types.generated';
import { useObjectPanel } from '../ObjectPanelProvider';
import { FactTable } from './Facts';

export function relatedRef(clusterId: string, related: RelatedObject): ObjectRef {
  const { group, version, kind, namespace, name } = related;
  return { clusterId, group, version, kind, namespace, name, uid: null };
}

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
      rows={related.map((item) => ({
        key: `${item.relation}/${item.kind}/${item.namespace}/${item.name}`,
        cells: [
          item.relation,
          item.kind,
          <button
            key="open"
            type="button"
            className="link-button object-details__link"
            data-testid="related-link"
            data-kind={item.kind}
            onClick={() => openObject(relatedRef(clusterId, item))}
          >
            {item.namespace && item.kind !== 'Node' ? `${item.namespace}/` : ''}
            {item.name}
          </button>,
          item.status,
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
