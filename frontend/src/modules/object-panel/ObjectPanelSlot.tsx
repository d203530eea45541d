/**
 * The open object panels: a strip to switch between them when there are several, and one panel
 * per object, each keyed by its scope (cluster included) so no two share state.
 */
import './objectPanel.css';
import { clusterColour } from '../../shared/clusterColours';
import { clusterNameOf } from './clusterNameOf';
import { ObjectPanel } from './ObjectPanel';
import { useObjectPanel } from './ObjectPanelProvider';
import { objectScopeOf } from './objectScope';

export function ObjectPanelSlot() {
  const { current, opened, openObject, closeObject } = useObjectPanel();
  if (!current) return null;
  const currentKey = objectScopeOf(current);
  return (
    <div className="object-panels">
      {opened.length > 1 && (
        <div className="object-panels__strip" role="tablist" aria-label="Open objects">
          {opened.map((ref) => (
            <button
              key={objectScopeOf(ref)}
              type="button"
              role="tab"
              aria-selected={objectScopeOf(ref) === currentKey}
              title={ref.clusterId}
              style={{ borderColor: clusterColour(ref.clusterId) }}
              onClick={() => openObject(ref)}
            >
              {clusterNameOf(ref.clusterId)}: {ref.name}
            </button>
          ))}
        </div>
      )}
      {opened.map((ref) => {
        const key = objectScopeOf(ref);
        return (
          <ObjectPanel
            key={key}
            objectRef={ref}
            hidden={key !== currentKey}
            onClose={() => closeObject(ref)}
          />
        );
      })}
    </div>
  );
}
