// Resolves FOREIGN did:web DIDs over HTTPS without letting a DID steer requests into our network or hold us up.
import { fetchJson, type OutboundFetchBounds, OutboundFetchError } from './bounded-fetch.js';
import { type DidDocument, didWebToUrl } from './dids.js';
import type { DidResolver } from './document-loader.js';
import { TtlCache } from './ttl-cache.js';

export interface DidWebResolverOptions extends OutboundFetchBounds {
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  now?: () => number;
}

const DEFAULTS = { timeoutMs: 3_000, maxBytes: 100_000, cacheTtlMs: 5 * 60_000, cacheMaxEntries: 500 };
const DID_DOCUMENT = {
  accept: 'application/did+json, application/did+ld+json;q=0.9, application/json;q=0.8',
  mediaTypes: new Set(['application/did+json', 'application/did+ld+json', 'application/json', 'application/ld+json']),
};

/** One resolution, uncached. Exported for tests; services use createDidWebResolver. */
export async function fetchDidWebDocument(did: string, options: DidWebResolverOptions = {}): Promise<DidDocument> {
  if (!did) throw new TypeError('"did" is required.');
  let url: URL;
  try {
    url = new URL(didWebToUrl(did));
  } catch (error) {
    throw new OutboundFetchError('INVALID_DID', (error as Error).message);
  }
  if (options.allowHttp) url.protocol = 'http:';
  const body = await fetchJson(url.href, DID_DOCUMENT, {
    ...options,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
  });
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new OutboundFetchError('NOT_JSON', `${url.href} is not a JSON object`);
  if ((body as DidDocument).id !== did)
    throw new OutboundFetchError('ID_MISMATCH', `the document at ${url.href} is not the DID document of ${did}`);
  return body as DidDocument;
}

/** A resolver with an in-memory cache (TTL + LRU bound); concurrent look-ups of one DID share one request. */
export function createDidWebResolver(options: DidWebResolverOptions = {}): DidResolver {
  const cache = new TtlCache<DidDocument>({
    maxEntries: options.cacheMaxEntries ?? DEFAULTS.cacheMaxEntries,
    ttlMs: options.cacheTtlMs ?? DEFAULTS.cacheTtlMs,
    now: options.now,
  });
  const inFlight = new Map<string, Promise<DidDocument>>();

  return async function resolveDidWeb(did: string): Promise<DidDocument> {
    const cached = cache.get(did);
    // Copies out, so a caller mutating its document cannot poison what the next verification sees.
    if (cached) return structuredClone(cached);
    let pending = inFlight.get(did);
    if (!pending) {
      pending = fetchDidWebDocument(did, options).finally(() => inFlight.delete(did));
      inFlight.set(did, pending);
    }
    const document = await pending;
    cache.set(did, document);
    return structuredClone(document);
  };
}
