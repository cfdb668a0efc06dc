// Downloads ANOTHER issuer's status list credential for the verifier, within the bounds of every outbound fetch
// (vc/bounded-fetch.ts): the URL comes from a credential someone handed us, so it is treated as hostile.
import { fetchJson, type OutboundFetchBounds } from '../vc/bounded-fetch.js';
import type { FetchStatusListCredential } from '../vc/status-check.js';
import { TtlCache } from '../vc/ttl-cache.js';

export interface StatusListFetcherOptions extends OutboundFetchBounds {
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  now?: () => number;
}

// A 131,072-entry list is 16 KB before GZIP; 1 MB leaves room for larger lists without inviting abuse.
const DEFAULTS = { timeoutMs: 3_000, maxBytes: 1_000_000, cacheTtlMs: 60_000, cacheMaxEntries: 200 };
const STATUS_LIST = {
  accept: 'application/vc+ld+json, application/vc;q=0.9, application/ld+json;q=0.8, application/json;q=0.7',
  mediaTypes: new Set(['application/vc+ld+json', 'application/vc', 'application/ld+json', 'application/json']),
};

/** A fetcher for vc/status-check.ts with an in-memory cache (a list is signed, so caching it cannot forge it). */
export function createStatusListFetcher(options: StatusListFetcherOptions = {}): FetchStatusListCredential {
  const bounds = { ...options, timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs, maxBytes: options.maxBytes ?? DEFAULTS.maxBytes };
  const cache = new TtlCache<unknown>({
    maxEntries: options.cacheMaxEntries ?? DEFAULTS.cacheMaxEntries,
    ttlMs: options.cacheTtlMs ?? DEFAULTS.cacheTtlMs,
    now: options.now,
  });
  return async function fetchStatusListCredential(url: string): Promise<unknown> {
    const cached = cache.get(url);
    // Copies out, so a caller mutating its list cannot poison what the next verification sees.
    if (cached !== undefined) return structuredClone(cached);
    const body = await fetchJson(url, STATUS_LIST, bounds);
    cache.set(url, body);
    return structuredClone(body);
  };
}
