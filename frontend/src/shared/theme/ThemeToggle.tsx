import type { ThemeName } from './theme';

export function ThemeToggle({ theme, onToggle }: { theme: ThemeName; onToggle: () => void }) {
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="theme-toggle"
      onClick={onToggle}
      aria-label={`Use ${next} theme`}
    >
      {theme === 'dark' ? '☾' : '☀'}
    </button>
  );
}
