import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('forgets entries after their time to live', () => {
    let clock = 0;
    const cache = new TtlCache<string>({ maxEntries: 10, ttlMs: 1_000, now: () => clock });
    cache.set('did:web:example.org', 'document');
    clock = 999;
    expect(cache.get('did:web:example.org')).toBe('document');
    clock = 1_000;
    expect(cache.get('did:web:example.org')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new TtlCache<number>({ maxEntries: 2, ttlMs: 60_000 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });
});
