import { VIEWS } from './viewDefinitions';

export function ViewNav({ current }: { current: string }) {
  return (
    <ul className="view-nav" aria-label="Views">
      {VIEWS.map((view) => (
        <li key={view.id}>
          <a href={`#/${view.id}`} aria-current={view.id === current ? 'page' : undefined}>
            {view.title}
          </a>
        </li>
      ))}
    </ul>
  );
}
