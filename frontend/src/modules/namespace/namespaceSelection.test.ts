import { afterEach, describe, expect, it, vi } from 'vitest';
import { NamespaceSelectionStore } from './namespaceSelection';

afterEach(() => localStorage.clear());

describe('NamespaceSelectionStore', () => {
  it('keeps each cluster its own choice, even for equal namespace names', () => {
    const store = new NamespaceSelectionStore();
    store.toggle('dev.yaml:alpha', 'shop');
    expect(store.namespacesOf('dev.yaml:alpha')).toEqual(['shop']);
    expect(store.namespacesOf('dev.yaml:beta')).toEqual([]);
    store.toggle('dev.yaml:alpha', 'shop');
    expect(store.namespacesOf('dev.yaml:alpha')).toEqual([]);
  });

  it('persists under a key carrying the clusterId, and reads it back', () => {
    const store = new NamespaceSelectionStore();
    store.toggle('prod.yaml:staging', 'shop');
    store.toggle('prod.yaml:staging', 'team-a');
    expect(
      JSON.parse(localStorage.getItem('regatta.namespaces|prod.yaml:staging') ?? '[]'),
    ).toEqual(['shop', 'team-a']);
    expect(localStorage.getItem('regatta.namespaces|dev.yaml:staging')).toBeNull();
    expect(new NamespaceSelectionStore().namespacesOf('prod.yaml:staging')).toEqual([
      'shop',
      'team-a',
    ]);

    store.clear('prod.yaml:staging');
    expect(localStorage.getItem('regatta.namespaces|prod.yaml:staging')).toBeNull();
  });

  it('tells subscribers about changes', () => {
    const store = new NamespaceSelectionStore();
    const listener = vi.fn();
    store.subscribe(listener);
    const before = store.getRevision();
    store.toggle('dev.yaml:alpha', 'shop');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getRevision()).not.toBe(before);
  });
});
