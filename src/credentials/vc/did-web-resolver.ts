// Resolves FOREIGN did:web DIDs over HTTPS without letting a DID steer requests into our network or hold us up.
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { type DidDocument, didWebToUrl } from './dids.js';
import type { DidResolver } from './document-loader.js';
import { addressRefusalReason } from './ip-ranges.js';
import { TtlCache } from './ttl-cache.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

export type DidWebErrorCode =
  | 'INVALID_DID' | 'DNS_ERROR' | 'FORBIDDEN_ADDRESS' | 'TIMEOUT' | 'REDIRECT' | 'HTTP_ERROR' | 'NOT_JSON' | 'TOO_LARGE' | 'ID_MISMATCH';

export class DidWebResolutionError extends Error {
  constructor(readonly code: DidWebErrorCode, message: string) {
    super(message);
    this.name = 'DidWebResolutionError';
  }
}

export interface DidWebResolverOptions {
  /** Whole resolution (DNS, connect, body) must finish within this. */
  timeoutMs?: number;
  /** Largest DID document accepted, counted while streaming (a Content-Length may lie). */
  maxBytes?: number;
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  /** Host name → every address it resolves to. */
  lookup?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** Why an address must not be contacted (undefined = allowed). Tests relax it to reach a local server. */
  refuseAddress?: (address: string) => string | undefined;
  /** Plain HTTP instead of HTTPS. Only for tests against a local server; never in production. */
  allowHttp?: boolean;
  /** Extra trusted CA (PEM) for HTTPS, e.g. a test certificate. */
  ca?: string | Buffer;
  now?: () => number;
}

const DEFAULTS = { timeoutMs: 3_000, maxBytes: 100_000, cacheTtlMs: 5 * 60_000, cacheMaxEntries: 500 };
const JSON_MEDIA_TYPES = new Set(['application/did+json', 'application/did+ld+json', 'application/json', 'application/ld+json']);

const systemLookup = async (hostname: string): Promise<ResolvedAddress[]> => dnsLookup(hostname, { all: true, verbatim: true });

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = (): void => reject(new DidWebResolutionError('TIMEOUT', 'did:web resolution timed out'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

async function checkedAddress(hostname: string, settings: Required<Pick<DidWebResolverOptions, 'lookup' | 'refuseAddress'>>, signal: AbortSignal): Promise<ResolvedAddress> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await Promise.race([settings.lookup(hostname), rejectOnAbort(signal)]);
  } catch (error) {
    if (error instanceof DidWebResolutionError) throw error;
    throw new DidWebResolutionError('DNS_ERROR', `cannot resolve host ${hostname} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (addresses.length === 0) throw new DidWebResolutionError('DNS_ERROR', `host ${hostname} has no address`);
  // Every address is checked, not just the first: a mixed answer is how DNS-based attacks hide a private address.
  for (const { address } of addresses) {
    const reason = settings.refuseAddress(address);
    if (reason) throw new DidWebResolutionError('FORBIDDEN_ADDRESS', `host ${hostname} resolves to ${address}, a ${reason} address`);
  }
  return addresses[0];
}

function fetchJson(url: URL, pinned: ResolvedAddress, options: { maxBytes: number; ca?: string | Buffer; signal: AbortSignal }): Promise<unknown> {
  // Connect to the address we checked, not to a second DNS answer (DNS rebinding); TLS still verifies the host name.
  const lookup = ((_hostname, lookupOptions, callback) => {
    if (lookupOptions?.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  }) as LookupFunction;
  const transport = url.protocol === 'https:' ? https : http;

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (code: DidWebErrorCode, message: string): void => {
      if (settled) return;
      settled = true;
      request.destroy();
      reject(new DidWebResolutionError(code, message));
    };
    const request = transport.request(
      url,
      {
        method: 'GET',
        agent: false,
        lookup,
        signal: options.signal,
        headers: { accept: 'application/did+json, application/did+ld+json;q=0.9, application/json;q=0.8' },
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) return fail('REDIRECT', `${url.href} answered a redirect (${status}); redirects are not followed`);
        if (status !== 200) return fail('HTTP_ERROR', `${url.href} answered HTTP ${status}`);
        const mediaType = (response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (!JSON_MEDIA_TYPES.has(mediaType)) return fail('NOT_JSON', `${url.href} answered ${mediaType || 'no content type'}, not JSON`);
        if (Number(response.headers['content-length'] ?? 0) > options.maxBytes) {
          return fail('TOO_LARGE', `${url.href} announces more than ${options.maxBytes} bytes`);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) fail('TOO_LARGE', `${url.href} sent more than ${options.maxBytes} bytes`);
          else chunks.push(chunk);
        });
        response.on('end', () => {
          if (settled) return;
          settled = true;
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            reject(new DidWebResolutionError('NOT_JSON', `${url.href} did not answer valid JSON`));
          }
        });
        response.on('error', (error) => fail(options.signal.aborted ? 'TIMEOUT' : 'HTTP_ERROR', `${url.href}: ${error.message}`));
      },
    );
    request.on('error', (error) => fail(options.signal.aborted ? 'TIMEOUT' : 'HTTP_ERROR', `${url.href}: ${error.message}`));
    request.end();
  });
}

/** One resolution, uncached. Exported for tests; services use createDidWebResolver. */
export async function fetchDidWebDocument(did: string, options: DidWebResolverOptions = {}): Promise<DidDocument> {
  if (!did) throw new TypeError('"did" is required.');
  let url: URL;
  try {
    url = new URL(didWebToUrl(did));
  } catch (error) {
    throw new DidWebResolutionError('INVALID_DID', (error as Error).message);
  }
  if (options.allowHttp) url.protocol = 'http:';
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULTS.timeoutMs);
  const pinned = await checkedAddress(url.hostname, {
    lookup: options.lookup ?? systemLookup,
    refuseAddress: options.refuseAddress ?? addressRefusalReason,
  }, signal);
  const body = await fetchJson(url, pinned, { maxBytes: options.maxBytes ?? DEFAULTS.maxBytes, ca: options.ca, signal });
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new DidWebResolutionError('NOT_JSON', `${url.href} is not a JSON object`);
  if ((body as DidDocument).id !== did) throw new DidWebResolutionError('ID_MISMATCH', `the document at ${url.href} is not the DID document of ${did}`);
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
