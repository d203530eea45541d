/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ringBuffer';

describe('RingBuffer', () => {
  it('keeps items in order until full', () => {
    const buffer = new RingBuffer<number>(3);
    buffer.push(1);
    buffer.push(2);
    expect(buffer.toArray()).toEqual([1, 2]);
    expect(buffer.size).toBe(2);
    expect(buffer.evicted).toBe(0);
  });

  it('drops the oldest items beyond its capacity', () => {
    const buffer = new RingBuffer<number>(3);
    for (let item = 1; item <= 7; item += 1) buffer.push(item);
    expect(buffer.toArray()).toEqual([5, 6, 7]);
    expect(buffer.at(0)).toBe(5);
    expect(buffer.at(3)).toBeUndefined();
    expect(buffer.evicted).toBe(4);
  });

  it('holds 50,000 of 120,000 lines without growing', () => {
    const buffer = new RingBuffer<string>(50_000);
    for (let index = 0; index < 120_000; index += 1) buffer.push(`line ${index}`);
    expect(buffer.size).toBe(50_000);
    expect(buffer.at(0)).toBe('line 70000');
    expect(buffer.at(49_999)).toBe('line 119999');
  });

  it('empties on clear and refuses a useless capacity', () => {
    const buffer = new RingBuffer<number>(2);
    buffer.push(1);
    buffer.clear();
    expect(buffer.toArray()).toEqual([]);
    expect(() => new RingBuffer(0)).toThrow();
  });
});
