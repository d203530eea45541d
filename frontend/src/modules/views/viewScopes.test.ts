/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { viewScopes } from './viewScopes';

describe('viewScopes', () => {
  it('asks for each whole cluster when no namespace is chosen', () => {
    expect(viewScopes(['dev.yaml:alpha', 'dev.yaml:beta'], () => [])).toEqual([
      'dev.yaml:alpha|',
      'dev.yaml:beta|',
    ]);
  });

  it("applies one cluster's namespace choice to that cluster only", () => {
    const chosen: Record<string, string[]> = { 'dev.yaml:beta': ['shop', 'team-a'] };
    expect(viewScopes(['dev.yaml:alpha', 'dev.yaml:beta'], (id) => chosen[id] ?? [])).toEqual([
      'dev.yaml:alpha|',
      'dev.yaml:beta|namespace:shop',
      'dev.yaml:beta|namespace:team-a',
    ]);
  });

  it('asks for nothing without clusters', () => {
    expect(viewScopes([], () => ['shop'])).toEqual([]);
  });
});
