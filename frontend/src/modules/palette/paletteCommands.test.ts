import { describe, expect, it } from 'vitest';
import { shortcutOf } from './keyboardShortcuts';
import { contextMatches, parseCommand, viewOfKind } from './paletteCommands';

describe('palette commands', () => {
  it('reads k9s-style commands', () => {
    expect(parseCommand(':pods')).toEqual({ type: 'view', viewId: 'pods' });
    expect(parseCommand(' :deploy ')).toEqual({ type: 'view', viewId: 'workloads' });
    expect(parseCommand(':svc')).toEqual({ type: 'view', viewId: 'network' });
    expect(parseCommand(':ns shop')).toEqual({ type: 'namespace', namespace: 'shop' });
    expect(parseCommand(':ns')).toEqual({ type: 'namespace', namespace: null });
    expect(parseCommand(':ctx beta')).toEqual({ type: 'context', name: 'beta' });
    expect(parseCommand(':gizmo')).toEqual({ type: 'unknown', text: ':gizmo' });
    expect(parseCommand('deploy web')).toBeNull();
    expect(viewOfKind('STS')).toBe('workloads');
  });

  it('picks clusters for :ctx by exact name first, else by part of it', () => {
    const contexts = [
      { clusterName: 'beta', context: 'beta' },
      { clusterName: 'beta', context: 'beta-viewer' },
      { clusterName: 'alpha', context: 'alpha' },
    ];
    expect(contextMatches(contexts, 'beta').map((c) => c.context)).toEqual(['beta', 'beta-viewer']);
    expect(contextMatches(contexts, 'beta-viewer').map((c) => c.context)).toEqual(['beta-viewer']);
    expect(contextMatches(contexts, 'alp').map((c) => c.context)).toEqual(['alpha']);
  });
});

describe('shortcuts', () => {
  const key = (k: string, target: EventTarget | null = document.body, mods = {}) =>
    shortcutOf({ key: k, ctrlKey: false, metaKey: false, altKey: false, target, ...mods });

  it('never fire while typing, except the palette and Esc', () => {
    const input = document.createElement('input');
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    const editor = document.createElement('div');
    editor.className = 'cm-editor';
    const inside = document.createElement('span');
    editor.append(inside);
    expect(key('l')).toBe('logs');
    expect(key('l', input)).toBeNull();
    expect(key('/', inside)).toBeNull();
    expect(key('j', checkbox)).toBe('next-row');
    expect(key('k', input, { ctrlKey: true })).toBe('palette');
    expect(key('k', input, { metaKey: true })).toBe('palette');
    expect(key('Escape', input)).toBe('escape');
    expect(key('d', document.body, { ctrlKey: true })).toBe('delete');
    expect(key('d', input, { ctrlKey: true })).toBeNull();
    expect(key('l', document.body, { altKey: true })).toBeNull();
    expect(key('?')).toBe('help');
    expect(key(']')).toBe('next-tab');
  });
});
