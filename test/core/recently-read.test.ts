import { RecentlyRead } from '../../src/core/recently-read.js';

describe('RecentlyRead', () => {
  it('reads a key once and answers again from memory while it is among the last few', () => {
    const reads: string[] = [];
    const memory = new RecentlyRead<{ name: string }, string>(2);
    const a = { name: 'a' };
    const read = (key: { name: string }) => {
      reads.push(key.name);
      return key.name.toUpperCase();
    };
    expect(memory.get(a, read)).toBe('A');
    expect(memory.get(a, read)).toBe('A');
    expect(reads).toEqual(['a']);
  });

  it('keys by identity: an equal but different object is read again', () => {
    let reads = 0;
    const memory = new RecentlyRead<{ id: number }, number>(4);
    const read = (key: { id: number }) => {
      reads++;
      return key.id * 10;
    };
    expect(memory.get({ id: 1 }, read)).toBe(10);
    expect(memory.get({ id: 1 }, read)).toBe(10);
    expect(reads).toBe(2);
  });

  it('forgets the oldest entry when a new one needs its slot', () => {
    const reads: number[] = [];
    const memory = new RecentlyRead<{ id: number }, number>(2);
    const read = (key: { id: number }) => {
      reads.push(key.id);
      return key.id;
    };
    const [one, two, three] = [{ id: 1 }, { id: 2 }, { id: 3 }];
    memory.get(one, read);
    memory.get(two, read);
    memory.get(three, read); // takes the slot of `one`
    memory.get(two, read); // still remembered
    memory.get(one, read); // read again, in place of `two`
    memory.get(three, read); // still remembered
    expect(reads).toEqual([1, 2, 3, 1]);
  });

  it('remembers falsy values as answers, not as misses', () => {
    let reads = 0;
    const memory = new RecentlyRead<object, number | undefined>(1);
    const key = {};
    const read = () => {
      reads++;
      return reads === 1 ? 0 : undefined;
    };
    expect(memory.get(key, read)).toBe(0);
    expect(memory.get(key, read)).toBe(0);
    expect(reads).toBe(1);
  });
});
