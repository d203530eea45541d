import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CodeViewer } from './CodeViewer';

describe('CodeViewer', () => {
  it('shows the text read-only, labelled for assistive technology', () => {
    render(<CodeViewer value={'greeting: hola\nreplicas: 2\n'} label="Values of storefront" />);
    const region = screen.getByRole('region', { name: 'Values of storefront' });
    expect(region.textContent).toContain('greeting: hola');
    expect(region.textContent).toContain('replicas: 2');
    const content = region.querySelector('.cm-content');
    expect(content?.getAttribute('contenteditable')).toBe('false');
  });
});
