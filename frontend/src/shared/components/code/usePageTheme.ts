/**
 * The page's theme as `<html data-theme>` says it, following the toggle as it changes, so code
 * views pick their colours without a provider.
 */
import { useSyncExternalStore } from 'react';

export type PageTheme = 'light' | 'dark';

function read(): PageTheme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

export function usePageTheme(): PageTheme {
  return useSyncExternalStore(subscribe, read, read);
}
