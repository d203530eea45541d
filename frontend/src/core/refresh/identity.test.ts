import { describe, expect, it } from 'vitest';
import { formatClusterId, IdentityError, isClusterId, parseClusterId } from './clusterId';
import {
  clusterScope,
  formatScope,
  formatTail,
  namespaceScope,
  objectScope,
  parseScope,
  parseTail,
  podScope,
  type ScopeTail,
  splitScope,
} from './scopes';

/** A seeded generator of awkward strings: the contract's special characters are frequent. */
function awkwardStrings(seed: number, count: number): string[] {
  const alphabet = ['a', 'Z', '0', '.', '/', '-', ':', '|', '%', '%25', '%3A', '7C', ' ', 'é', '_'];
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
  return Array.from({ length: count }, () => {
    const length = 1 + (next() % 12);
    return Array.from({ length }, () => alphabet[next() % alphabet.length]).join('');
  });
}

describe('formatClusterId', () => {
  it('joins plain names with a colon', () => {
    expect(formatClusterId('dev.yaml', 'alpha')).toBe('dev.yaml:alpha');
  });

  it('escapes %, : and | in the file', () => {
    expect(formatClusterId('a%b:c|d', 'x')).toBe('a%25b%3Ac%7Cd:x');
  });

  it('escapes % and | in the context but keeps colons readable (cloud ARNs)', () => {
    const arn = 'arn:aws:eks:eu-west-1:123456789012:cluster/gamma';
    expect(formatClusterId('prod.yaml', arn)).toBe(`prod.yaml:${arn}`);
    expect(formatClusterId('f', 'a%b|c:d')).toBe('f:a%25b%7Cc:d');
  });

  it('refuses empty parts', () => {
    expect(() => formatClusterId('', 'alpha')).toThrow(IdentityError);
    expect(() => formatClusterId('dev.yaml', '')).toThrow(IdentityError);
  });
});

describe('parseClusterId', () => {
  it('splits at the first colon', () => {
    expect(parseClusterId('prod.yaml:arn:aws:eks:x')).toEqual({
      file: 'prod.yaml',
      context: 'arn:aws:eks:x',
    });
  });

  it('decodes only the three escapes, once', () => {
    expect(parseClusterId('a%253A:b%257C')).toEqual({ file: 'a%3A', context: 'b%7C' });
  });

  it.each([
    'no-colon',
    ':alpha',
    'dev.yaml:',
    'a|b:c',
    'dev.yaml:a|b',
    'a%2:b',
    'a%41:b',
    'a:b%3A',
    'a%3a:b',
  ])('refuses %j as bad_cluster_id', (text) => {
    expect(() => parseClusterId(text)).toThrow(expect.objectContaining({ code: 'bad_cluster_id' }));
    expect(isClusterId(text)).toBe(false);
  });

  it('inverts formatClusterId for any strings, and ids hold no raw |', () => {
    const files = awkwardStrings(7, 400);
    const contexts = awkwardStrings(11, 400);
    files.forEach((file, index) => {
      const context = contexts[index] ?? 'c';
      const id = formatClusterId(file, context);
      expect(parseClusterId(id)).toEqual({ file, context });
      expect(id.includes('|')).toBe(false);
      expect(formatClusterId(file, context)).toBe(id);
    });
  });
});

describe('scopes', () => {
  it('prefixes the tail with the clusterId and a bar', () => {
    expect(clusterScope('dev.yaml:alpha')).toBe('dev.yaml:alpha|');
    expect(namespaceScope('dev.yaml:alpha', 'shop')).toBe('dev.yaml:alpha|namespace:shop');
    expect(podScope('dev.yaml:alpha', 'shop', 'web-1')).toBe('dev.yaml:alpha|pod:shop/web-1');
    expect(podScope('dev.yaml:alpha', 'shop', 'web-1', 'nginx')).toBe(
      'dev.yaml:alpha|pod:shop/web-1/nginx',
    );
    expect(
      objectScope({
        clusterId: 'prod.yaml:arn:aws:eks:eu-west-1:1:cluster/gamma',
        group: 'apps',
        version: 'v1',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        uid: null,
      }),
    ).toBe('prod.yaml:arn:aws:eks:eu-west-1:1:cluster/gamma|object:apps/v1/Deployment/shop/web');
  });

  it('splits at the first bar, whatever the tail holds', () => {
    const clusterId = formatClusterId('a|b.yaml', 'ctx|with|bars');
    expect(splitScope(formatScope(clusterId, 'pod:ns/p|q'))).toEqual({
      clusterId,
      tail: 'pod:ns/p|q',
    });
  });

  it.each(['dev.yaml:alpha', 'nocolon|', '|namespace:x', 'a%zz:b|'])(
    'refuses the malformed scope %j as bad_scope',
    (scope) => {
      expect(() => splitScope(scope)).toThrow(expect.objectContaining({ code: 'bad_scope' }));
    },
  );

  it.each<[string, ScopeTail]>([
    ['', { kind: 'cluster' }],
    ['namespace:shop', { kind: 'namespace', namespace: 'shop' }],
    ['pod:shop/web-1', { kind: 'pod', namespace: 'shop', pod: 'web-1' }],
    ['pod:shop/web-1/nginx', { kind: 'pod', namespace: 'shop', pod: 'web-1', container: 'nginx' }],
    [
      'object:apps/v1/Deployment/shop/web',
      {
        kind: 'object',
        group: 'apps',
        version: 'v1',
        objectKind: 'Deployment',
        namespace: 'shop',
        name: 'web',
      },
    ],
    [
      'object:/v1/Node//node-1',
      {
        kind: 'object',
        group: '',
        version: 'v1',
        objectKind: 'Node',
        namespace: '',
        name: 'node-1',
      },
    ],
  ])('parses the tail %j and formats it back', (tail, parsed) => {
    expect(parseTail(tail)).toEqual(parsed);
    expect(formatTail(parsed)).toBe(tail);
  });

  it.each([
    'namespace:',
    'namespace:a/b',
    'pod:shop',
    'pod:shop/',
    'pod:/web',
    'pod:a/b/c/d',
    'object:apps/v1/Deployment/shop',
    'object:apps/v1/Deployment/shop/web/extra',
    'object:apps//Deployment/shop/web',
    'object:apps/v1//shop/web',
    'object:apps/v1/Deployment/shop/',
    'node:n1',
    'namespace',
  ])('refuses the tail %j, naming the whole scope', (tail) => {
    const scope = `dev.yaml:alpha|${tail}`;
    expect(() => parseScope(scope)).toThrow(
      expect.objectContaining({ code: 'bad_scope', message: expect.stringContaining(scope) }),
    );
  });

  it('round-trips pod scopes of awkward cluster ids', () => {
    for (const context of awkwardStrings(3, 200)) {
      const clusterId = formatClusterId('dev.yaml', context);
      const scope = podScope(clusterId, 'shop', 'web-1', 'nginx');
      expect(parseScope(scope)).toEqual({
        clusterId,
        tail: { kind: 'pod', namespace: 'shop', pod: 'web-1', container: 'nginx' },
      });
    }
  });
});
