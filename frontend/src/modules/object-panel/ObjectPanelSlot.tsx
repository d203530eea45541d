/**
 * The open object panels: a strip to switch between them when there are several, and one panel
 * per object, each keyed by its scope (cluster included) so no two share state.
 */
import './objectPanel.css';
import { objectScope } from '../../core/refresh/scopes';
import { clusterColour } from '../../shared/clusterColours';
import { clusterNameOf } from './clusterNameOf';
import { ObjectPanel } from './ObjectPanel';
import { useObjectPanel } from './ObjectPanelProvider';
import { sideWidth, usePanelWidth } from './panelWidth';

export function ObjectPanelSlot() {
  const { current, opened, openObject, closeObject } = useObjectPanel();
  const { size, setSize, startResize, resizeBy } = usePanelWidth();
  if (!current) return null;
  const currentKey = objectScope(current);
  return (
    <div className="object-panels" data-size={size}>
      {size === 'side' && (
        // biome-ignore lint/a11y/useSemanticElements: a drag handle, not a rule between sections
        <div
          className="object-panels__resize"
          role="separator"
          aria-orientation="vertical"
          aria-label="Resize the object panel"
          aria-valuenow={Math.round(sideWidth())}
          tabIndex={0}
          onPointerDown={startResize}
          onKeyDown={(event) => {
            if (event.key === 'ArrowLeft') resizeBy(40);
            if (event.key === 'ArrowRight') resizeBy(-40);
          }}
        />
      )}
      <div className="object-panels__size">
        <button
          type="button"
          className="link-button"
          aria-pressed={size === 'full'}
          onClick={() => setSize(size === 'full' ? 'side' : 'full')}
        >
          {size === 'full' ? 'Back to the side' : 'Full width'}
        </button>
      </div>
      {opened.length > 1 && (
        <div className="object-panels__strip" role="tablist" aria-label="Open objects">
          {opened.map((ref) => (
            <button
              key={objectScope(ref)}
              type="button"
              role="tab"
              aria-selected={objectScope(ref) === currentKey}
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
        const key = objectScope(ref);
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
