/**
 * The keys of a Secret, masked, each with an explicit "Reveal": one key's value is fetched only
 * when asked (`POST /api/v1/secrets/reveal`, logged by the backend without the value) and shown
 * as stored (base64) and decoded.
 */
import { useState } from 'react';
import { type ContractError, toContractError } from '../../core/contractError';
import { postJson } from '../../core/http';
import type { ObjectRef, SecretReveal, SecretRevealRequest } from '../../core/types.generated';

export function SecretKeys({ objectRef, keys }: { objectRef: ObjectRef; keys: string[] }) {
  const [shown, setShown] = useState<Record<string, SecretReveal>>({});
  const [errors, setErrors] = useState<Record<string, ContractError>>({});

  const reveal = async (key: string) => {
    const body: SecretRevealRequest = { ref: objectRef, key };
    try {
      const answer = await postJson<SecretReveal>('/api/v1/secrets/reveal', body);
      setShown((all) => ({ ...all, [key]: answer }));
      setErrors(({ [key]: _, ...rest }) => rest);
    } catch (thrown) {
      setErrors((all) => ({ ...all, [key]: toContractError(thrown) }));
    }
  };
  const hide = (key: string) => setShown(({ [key]: _, ...rest }) => rest);

  return (
    <section aria-label="Secret keys" className="secret-keys">
      <div className="object-panel__section-title">Secret keys (values masked)</div>
      {keys.length === 0 && <p className="muted">No keys.</p>}
      <ul className="secret-keys__list">
        {keys.map((key) => {
          const value = shown[key];
          return (
            <li key={key} data-testid="secret-key">
              <code className="secret-keys__name">{key}</code>
              {value ? (
                <>
                  <button type="button" className="link-button" onClick={() => hide(key)}>
                    Hide
                  </button>
                  <dl className="object-panel__facts secret-keys__value">
                    <div className="object-panel__fact">
                      <dt>decoded</dt>
                      <dd data-testid="secret-decoded">
                        {value.text === null ? `(binary, ${value.bytes} bytes)` : value.text}
                      </dd>
                    </div>
                    <div className="object-panel__fact">
                      <dt>base64</dt>
                      <dd data-testid="secret-base64">{value.base64}</dd>
                    </div>
                  </dl>
                </>
              ) : (
                <button
                  type="button"
                  onClick={() => void reveal(key)}
                  aria-label={`Reveal ${key}`}
                  title="Fetch and show this key's value (the app log records that you did)"
                >
                  Reveal
                </button>
              )}
              {errors[key] && (
                <span role="alert" className="secret-keys__error">
                  {errors[key].message}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
