/**
 * What was worked out for the last few objects, remembered by identity: the classifier, the
 * sensitivity guard and the prompt builder each ask for the text of the invite they were handed,
 * usually one straight after another, and it is read once. Only a few are kept: remembering every
 * invite ever judged (a WeakMap keyed by invites a caller still holds) kept their texts alive and
 * made the garbage collector carry them, which cost more than reading them again.
 */
export class RecentlyRead<Key extends object, Value> {
  private readonly keys: (Key | undefined)[];
  private readonly values: (Value | undefined)[];
  /** The slot the next new entry takes (the oldest one). */
  private next = 0;

  constructor(size: number) {
    this.keys = new Array<Key | undefined>(size).fill(undefined);
    this.values = new Array<Value | undefined>(size).fill(undefined);
  }

  /** The remembered value for `key`, or `read(key)` remembered in place of the oldest entry. */
  get(key: Key, read: (key: Key) => Value): Value {
    const slot = this.keys.indexOf(key);
    if (slot >= 0) return this.values[slot]!;
    const value = read(key);
    this.keys[this.next] = key;
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.keys.length;
    return value;
  }
}
