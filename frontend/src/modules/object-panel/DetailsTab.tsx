/**
 * The Details tab: the kind's own layout (tables from the typed facts), labels and annotations as
 * chips, conditions, and related objects that open in the same cluster.
 */
import type { ObjectDetailsItem } from '../../core/types.generated';
import { EmptyState, ErrorState, LoadingState } from '../../shared/components/States';
import type { LoadState } from '../../shared/hooks/useLoad';
import { Chips } from './details/Chips';
import { FactList, FactTable } from './details/Facts';
import { KindDetails } from './details/KindDetails';
import { RelatedObjects } from './details/RelatedObjects';
import { fieldText } from './fieldText';

/** `state`: the panel's object-details (the actions read them too). */
export function DetailsTab({ state }: { state: LoadState<ObjectDetailsItem[]> }) {
  if (state.status === 'loading') return <LoadingState>Loading details…</LoadingState>;
  if (state.status === 'failed') {
    return <ErrorState title="The details could not be loaded." error={state.error} />;
  }
  const item = state.value[0];
  if (!item) return <EmptyState>The object was not found on its cluster.</EmptyState>;
  return (
    <div className="object-details">
      <FactList
        facts={[
          ['Created', item.createdAt],
          ['UID', item.uid],
        ]}
      />
      {item.facts ? (
        <KindDetails facts={item.facts} />
      ) : (
        <FactList
          title="Summary"
          facts={[
            ['Spec keys', item.summary.specKeys.join(', ')],
            ...(item.summary.replicas === null
              ? []
              : [['Replicas', item.summary.replicas] as [string, number]]),
          ]}
        />
      )}
      <Chips title="Labels" values={item.labels} />
      <Chips title="Annotations" values={item.annotations} />
      <RelatedObjects clusterId={item.clusterId} related={item.related} notes={item.relatedNotes} />
      <FactTable
        title="Conditions"
        columns={['Type', 'Status', 'Reason', 'Message', 'Last transition']}
        rows={item.conditions.map((condition) => ({
          key: condition.type,
          cells: [
            fieldText(condition.type),
            fieldText(condition.status),
            fieldText(condition.reason),
            fieldText(condition.message),
            fieldText(condition.lastTransitionTime),
          ],
        }))}
      />
    </div>
  );
}
