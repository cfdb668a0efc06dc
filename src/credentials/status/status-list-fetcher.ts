// Downloads ANOTHER issuer's status list credential for the verifier, with the bounds of the did:web resolver:
// https only, public addresses only (every DNS answer checked, the connection pinned to it), no redirects, a
// deadline and a size cap. The URL comes from a credential someone handed us, so it is treated as hostile.
import { lookup as dnsLookup } from 'node:dns/promises';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressRefusalReason } from '../vc/ip-ranges.js';
import type { FetchStatusListCredential } from '../vc/status-check.js';
import { TtlCache } from '../vc/ttl-cache.js';

export interface StatusListFetcherOptions {
  timeoutMs?: number;
  maxBytes?: number;
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  lookup?: (hostname: string) => Promise<{ address: string; family: number }[]>;
  refuseAddress?: (address: string) => string | undefined;
}

export class StatusListFetchError extends Error {
  constructor(readonly code: 'INVALID_URL' | 'DNS_ERROR' | 'FORBIDDEN_ADDRESS' | 'TIMEOUT' | 'REDIRECT' | 'HTTP_ERROR' | 'NOT_JSON' | 'TOO_LARGE', message: string) {
    super(message);
    this.name = 'StatusListFetchError';
  }
}

// A 131,072-entry list is 16 KB before GZIP; 1 MB leaves room for larger lists without inviting abuse.
const DEFAULTS = { timeoutMs: 3_000, maxBytes: 1_000_000, cacheTtlMs: 60_000, cacheMaxEntries: 200 };
const JSON_MEDIA_TYPES = new Set(['application/vc+ld+json', 'application/vc', 'application/ld+json', 'application/json']);

const systemLookup = (hostname: string) => dnsLookup(hostname, { all: true, verbatim: true });

/** A fetcher for vc/status-check.ts with an in-memory cache (a list is signed, so caching it cannot forge it). */
export function createStatusListFetcher(options: StatusListFetcherOptions = {}): FetchStatusListCredential {
  const settings = { ...DEFAULTS, lookup: systemLookup, refuseAddress: addressRefusalReason, ...options };
  const cache = new TtlCache<unknown>({ maxEntries: settings.cacheMaxEntries, ttlMs: settings.cacheTtlMs });
  return async function fetchStatusListCredential(url: string): Promise<unknown> {
    const cached = cache.get(url);
    if (cached !== undefined) return structuredClone(cached);
    const body = await fetchOnce(url, settings);
    cache.set(url, body);
    return structuredClone(body);
  };
}

async function fetchOnce(href: string, settings: Required<StatusListFetcherOptions>): Promise<unknown> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    throw new StatusListFetchError('INVALID_URL', `not a URL: ${href}`);
  }
  if (url.protocol !== 'https:') throw new StatusListFetchError('INVALID_URL', `${href}: status lists are fetched over https only`);
  if (url.username || url.password) throw new StatusListFetchError('INVALID_URL', `${href}: credentials in a URL are refused`);
  const signal = AbortSignal.timeout(settings.timeoutMs);
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const pinned = await checkedAddress(hostname, settings, signal);

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (code: StatusListFetchError['code'], message: string): void => {
      if (settled) return;
      settled = true;
      request.destroy();
      reject(new StatusListFetchError(code, message));
    };
    // Connect to the address just checked, not to a second DNS answer (DNS rebinding); TLS still checks the name.
    const lookup = ((_host, lookupOptions, callback) => {
      if (lookupOptions?.all) callback(null, [pinned]);
      else callback(null, pinned.address, pinned.family);
    }) as LookupFunction;
    const request = https.request(url, {
      method: 'GET', agent: false, lookup, signal,
      headers: { accept: 'application/vc+ld+json, application/vc;q=0.9, application/ld+json;q=0.8, application/json;q=0.7' },
    }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400) return fail('REDIRECT', `${href} answered a redirect (${status}); redirects are not followed`);
      if (status !== 200) return fail('HTTP_ERROR', `${href} answered HTTP ${status}`);
      const mediaType = (response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!JSON_MEDIA_TYPES.has(mediaType)) return fail('NOT_JSON', `${href} answered ${mediaType || 'no content type'}, not JSON`);
      if (Number(response.headers['content-length'] ?? 0) > settings.maxBytes) return fail('TOO_LARGE', `${href} announces more than ${settings.maxBytes} bytes`);
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > settings.maxBytes) fail('TOO_LARGE', `${href} sent more than ${settings.maxBytes} bytes`);
        else chunks.push(chunk);
      });
      response.on('end', () => {
        if (settled) return;
        settled = true;
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new StatusListFetchError('NOT_JSON', `${href} did not answer valid JSON`));
        }
      });
      response.on('error', (error) => fail(signal.aborted ? 'TIMEOUT' : 'HTTP_ERROR', `${href}: ${error.message}`));
    });
    request.on('error', (error) => fail(signal.aborted ? 'TIMEOUT' : 'HTTP_ERROR', `${href}: ${error.message}`));
    request.end();
  });
}

async function checkedAddress(hostname: string, settings: Required<StatusListFetcherOptions>, signal: AbortSignal): Promise<{ address: string; family: number }> {
  let addresses: { address: string; family: number }[];
  try {
    addresses = await Promise.race([
      settings.lookup(hostname),
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new StatusListFetchError('TIMEOUT', `resolving ${hostname} timed out`)), { once: true })),
    ]);
  } catch (error) {
    if (error instanceof StatusListFetchError) throw error;
    throw new StatusListFetchError('DNS_ERROR', `cannot resolve host ${hostname} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (addresses.length === 0) throw new StatusListFetchError('DNS_ERROR', `host ${hostname} has no address`);
  // Every answer is checked: a mixed answer is how DNS-based attacks hide a private address.
  for (const { address } of addresses) {
    const reason = settings.refuseAddress(address);
    if (reason) throw new StatusListFetchError('FORBIDDEN_ADDRESS', `host ${hostname} resolves to ${address}, a ${reason} address`);
  }
  return addresses[0];
}
