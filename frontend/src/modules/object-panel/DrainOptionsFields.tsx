/** kubectl drain's options in the drain confirmation. */
import type { DrainOptions } from './confirmations';

export function DrainOptionsFields({
  options,
  onChange,
  invalid,
}: {
  options: DrainOptions;
  onChange: (options: DrainOptions) => void;
  /** Why the options cannot be sent, or null. */
  invalid: string | null;
}) {
  const set = (change: Partial<DrainOptions>) => onChange({ ...options, ...change });
  return (
    <fieldset className="object-drain-options">
      <legend>Options</legend>
      <label>
        <input
          type="checkbox"
          checked={options.force}
          onChange={(event) => set({ force: event.target.checked })}
        />
        Force: also evict pods no controller manages (they will not come back)
      </label>
      <label>
        <input
          type="checkbox"
          checked={options.deleteEmptyDirData}
          onChange={(event) => set({ deleteEmptyDirData: event.target.checked })}
        />
        Delete emptyDir data: also evict pods with emptyDir volumes (their data is lost)
      </label>
      <label>
        <input type="checkbox" checked disabled />
        Ignore DaemonSets: their pods stay (their controller would start them again at once)
      </label>
      <label>
        Grace period (s)
        <input
          type="number"
          min={0}
          placeholder="pod's own"
          value={options.gracePeriod}
          onChange={(event) => set({ gracePeriod: event.target.value })}
        />
      </label>
      <label>
        Timeout (s)
        <input
          type="number"
          min={1}
          value={options.timeout}
          onChange={(event) => set({ timeout: event.target.value })}
        />
      </label>
      {invalid && (
        <p className="object-drain-options__invalid" role="alert">
          {invalid}
        </p>
      )}
    </fieldset>
  );
}
