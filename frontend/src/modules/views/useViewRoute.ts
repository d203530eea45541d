import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_VIEW_ID, viewById } from './viewDefinitions';

/** The view named by the location hash (`#/pods`), so views can be linked and reloaded. */
export function useViewRoute(): [string, (viewId: string) => void] {
  const [viewId, setViewId] = useState(readHash);
  useEffect(() => {
    const onHashChange = () => setViewId(readHash());
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  const go = useCallback((next: string) => {
    window.location.hash = `#/${next}`;
    setViewId(next);
  }, []);
  return [viewId, go];
}

function readHash(): string {
  const id = window.location.hash.replace(/^#\/?/, '');
  return viewById(id) ? id : DEFAULT_VIEW_ID;
}
