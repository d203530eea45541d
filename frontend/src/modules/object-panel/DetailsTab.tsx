/** The Details tab: summary facts, labels, annotations, owners and conditions of one object. */
import type { ObjectDetailsItem } from '../../core/types.generated';
import { EmptyState, ErrorState, LoadingState } from '../../shared/components/States';
import type { LoadState } from '../../shared/hooks/useLoad';
import { fieldText, recordOf, recordsOf } from './fieldText';

/** `state`: the panel's object-details (the actions read them too). */
export function DetailsTab({ state }: { state: LoadState<ObjectDetailsItem[]> }) {
  if (state.status === 'loading') return <LoadingState>Loading details…</LoadingState>;
  if (state.status === 'failed') {
    return <ErrorState title="The details could not be loaded." error={state.error} />;
  }
  const item = state.value[0];
  if (!item) return <EmptyState>The object was not found on its cluster.</EmptyState>;
  const summary = recordOf(item.summary);
  const labels = recordOf(item.labels);
  const annotations = recordOf(item.annotations);
  const owners = recordsOf(item.ownerReferences);
  const conditions = recordsOf(item.conditions);
  return (
    <div className="object-details">
      <FieldList
        title="Summary"
        fields={{ createdAt: item.createdAt, uid: item.uid, ...summary }}
      />
      <FieldList title="Labels" fields={labels} />
      <FieldList title="Annotations" fields={annotations} />
      <section aria-label="Owners">
        <div className="object-panel__section-title">Owners</div>
        {owners.length === 0 ? (
          <p className="muted">None</p>
        ) : (
          <ul>
            {owners.map((owner) => (
              <li key={fieldText(owner.uid)}>
                {fieldText(owner.kind)} {fieldText(owner.name)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Conditions">
        <div className="object-panel__section-title">Conditions</div>
        {conditions.length === 0 ? (
          <p className="muted">None</p>
        ) : (
          <table className="object-details__conditions">
            <thead>
              <tr>
                <th>Type</th>
                <th>Status</th>
                <th>Reason</th>
                <th>Message</th>
              </tr>
            </thead>
            <tbody>
              {conditions.map((condition) => (
                <tr key={fieldText(condition.type)}>
                  <td>{fieldText(condition.type)}</td>
                  <td>{fieldText(condition.status)}</td>
                  <td>{fieldText(condition.reason)}</td>
                  <td>{fieldText(condition.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function FieldList({ title, fields }: { title: string; fields: Record<string, unknown> }) {
  const entries = Object.entries(fields);
  return (
    <section aria-label={title}>
      <div className="object-panel__section-title">{title}</div>
      {entries.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <dl className="object-panel__facts">
          {entries.map(([key, value]) => (
            <div key={key} className="object-panel__fact">
              <dt>{key}</dt>
              <dd>{fieldText(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
