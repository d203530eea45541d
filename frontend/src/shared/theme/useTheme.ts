import { useCallback, useEffect, useState } from 'react';
import {
  applyTheme,
  storedTheme,
  storeTheme,
  systemTheme,
  type ThemeName,
  watchSystemTheme,
} from './theme';

/** The theme in effect and a toggle; follows the system until the person picks one. */
export function useTheme(): { theme: ThemeName; toggle: () => void } {
  const [picked, setPicked] = useState<ThemeName | null>(storedTheme);
  const [system, setSystem] = useState<ThemeName>(systemTheme);
  const theme = picked ?? system;

  useEffect(() => watchSystemTheme(setSystem), []);
  useEffect(() => applyTheme(theme), [theme]);

  const toggle = useCallback(() => {
    const next = theme === 'dark' ? 'light' : 'dark';
    storeTheme(next);
    setPicked(next);
  }, [theme]);

  return { theme, toggle };
}
