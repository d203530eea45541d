/**
 * jsdom has no layout: every element is 0×0, so TanStack Virtual renders no rows. These stubs
 * give every element a viewport of `height`×`width` pixels for the length of a test file.
 */
import { afterAll, beforeAll } from 'vitest';

export function installFakeLayout(height = 600, width = 1600): void {
  const saved: [string, PropertyDescriptor | undefined][] = [];
  const sizes: Record<string, number> = {
    clientHeight: height,
    clientWidth: width,
    offsetHeight: height,
    offsetWidth: width,
  };
  beforeAll(() => {
    for (const [name, value] of Object.entries(sizes)) {
      saved.push([name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name)]);
      Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
    }
  });
  afterAll(() => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
    }
  });
}
