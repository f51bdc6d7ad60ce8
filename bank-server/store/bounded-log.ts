// An append-only log that keeps only its newest `capacity` items, in a ring: appending past
// the capacity overwrites the oldest item in O(1), where `array.splice(0, 1)` would move
// every item on every append once the log is full.
export class BoundedLog<T> implements Iterable<T> {
  private items: T[] = [];
  /** Index of the oldest item once the ring is full. */
  private start = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, not ${capacity}`);
  }

  get length(): number {
    return this.items.length;
  }

  push(item: T): void {
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
  }

  /** The item `index` places after the oldest one (0 is the oldest). */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.items.length) return undefined;
    return this.items[(this.start + index) % this.items.length];
  }

  /** Oldest first, from `from` (an index as in `at`). */
  *from(from: number): Generator<T> {
    const n = this.items.length;
    for (let i = Math.max(0, from); i < n; i++) yield this.items[(this.start + i) % n]!;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.from(0);
  }

  clear(): void {
    this.items = [];
    this.start = 0;
  }
}
