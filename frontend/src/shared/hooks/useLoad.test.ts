import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useLoad } from './useLoad';

/** A load whose answer the test gives when it wants. */
function deferred(): { load: () => Promise<string>; answer: (value: string) => Promise<void> } {
  let resolve: (value: string) => void = () => {};
  const promise = new Promise<string>((r) => {
    resolve = r;
  });
  return {
    load: () => promise,
    answer: async (value) => {
      await act(async () => resolve(value));
    },
  };
}

describe('useLoad', () => {
  it('shows "loading" again on a reload by default', async () => {
    const first = deferred();
    const second = deferred();
    const { result, rerender } = renderHook(({ load }) => useLoad(load), {
      initialProps: { load: first.load },
    });
    await first.answer('v1');
    expect(result.current).toEqual({ status: 'loaded', value: 'v1' });
    rerender({ load: second.load });
    expect(result.current).toEqual({ status: 'loading' });
  });

  it('keeps what was loaded while a followed object is read again', async () => {
    const first = deferred();
    const second = deferred();
    const { result, rerender } = renderHook(({ load }) => useLoad(load, true), {
      initialProps: { load: first.load },
    });
    expect(result.current).toEqual({ status: 'loading' });
    await first.answer('v1');
    rerender({ load: second.load });
    expect(result.current).toEqual({ status: 'loaded', value: 'v1' });
    await second.answer('v2');
    expect(result.current).toEqual({ status: 'loaded', value: 'v2' });
  });
});
