/**
 * Light or dark. Until the person picks one with the toggle, the system preference decides
 * (`prefers-color-scheme`); the pick is remembered in localStorage. CSS reads
 * `<html data-theme="…">` (see theme.css).
 */
export type ThemeName = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'regatta.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function storedTheme(): ThemeName | null {
  const value = safeStorage()?.getItem(THEME_STORAGE_KEY);
  return value === 'light' || value === 'dark' ? value : null;
}

export function storeTheme(theme: ThemeName): void {
  safeStorage()?.setItem(THEME_STORAGE_KEY, theme);
}

export function systemTheme(): ThemeName {
  // jsdom and some embedded views have no matchMedia: light is the safe default.
  return window.matchMedia?.(DARK_QUERY).matches ? 'dark' : 'light';
}

/** Calls `onChange` when the system preference flips; returns the unsubscribe function. */
export function watchSystemTheme(onChange: (theme: ThemeName) => void): () => void {
  const query = window.matchMedia?.(DARK_QUERY);
  if (!query) return () => {};
  const listener = (event: MediaQueryListEvent) => onChange(event.matches ? 'dark' : 'light');
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

export function applyTheme(theme: ThemeName): void {
  document.documentElement.dataset.theme = theme;
}

/** localStorage, or null where reading it throws (storage disabled). */
function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
