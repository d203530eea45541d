/** Who listens to a store or an event: `add` answers the unsubscribe, `tell` calls each one. */
export class Listeners<A extends unknown[] = []> {
  private readonly listeners = new Set<(...args: A) => void>();

  add = (listener: (...args: A) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  tell(...args: A): void {
    for (const listener of this.listeners) listener(...args);
  }
}
