/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { compileLogFilter, highlightParts } from './logFilter';

const LINES = ['GET /health 200', 'POST /orders 500 error', 'GET /orders?id=1 200', 'panic: a.b*c'];

function shown(text: string, regex = false, invert = false): string[] {
  const filter = compileLogFilter({ text, regex, invert });
  if (!filter.ok) throw new Error(filter.error);
  return LINES.filter(filter.matches);
}

describe('compileLogFilter', () => {
  it('shows every line without a filter', () => {
    expect(shown('')).toEqual(LINES);
    expect(compileLogFilter({ text: '', regex: false, invert: false })).toMatchObject({
      active: false,
    });
  });

  it('matches plain text literally and case-insensitively', () => {
    expect(shown('ERROR')).toEqual(['POST /orders 500 error']);
    expect(shown('a.b*c')).toEqual(['panic: a.b*c']);
    expect(shown('?id=')).toEqual(['GET /orders?id=1 200']);
  });

  it('matches regular expressions', () => {
    expect(shown('^GET .* 200$', true)).toEqual(['GET /health 200', 'GET /orders?id=1 200']);
    expect(shown('5\\d\\d', true)).toEqual(['POST /orders 500 error']);
  });

  it('inverts: shows the lines that do not match', () => {
    expect(shown('get', false, true)).toEqual(['POST /orders 500 error', 'panic: a.b*c']);
    expect(shown('^GET', true, true)).toEqual(['POST /orders 500 error', 'panic: a.b*c']);
  });

  it('reports an invalid expression instead of throwing', () => {
    const filter = compileLogFilter({ text: '(unclosed', regex: true, invert: false });
    expect(filter.ok).toBe(false);
    expect(filter).toMatchObject({ error: expect.stringMatching(/.+/) });
  });
});

describe('highlightParts', () => {
  it('cuts a line into plain and matching parts', () => {
    const filter = compileLogFilter({ text: 'orders', regex: false, invert: false });
    if (!filter.ok) throw new Error('filter');
    expect(highlightParts('POST /orders and /ORDERS', filter.pattern)).toEqual([
      { text: 'POST /', match: false },
      { text: 'orders', match: true },
      { text: ' and /', match: false },
      { text: 'ORDERS', match: true },
    ]);
  });

  it('leaves a line whole without a pattern, and for inverted filters', () => {
    expect(highlightParts('x', null)).toEqual([{ text: 'x', match: false }]);
    const inverted = compileLogFilter({ text: 'x', regex: false, invert: true });
    expect(inverted.ok && inverted.pattern).toBe(null);
  });
});
