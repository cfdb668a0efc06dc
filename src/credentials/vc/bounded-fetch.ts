// The one way this service fetches a document named by someone else (a foreign did:web DID document, another issuer's
// status list): https only, public addresses only (every DNS answer checked, the connection pinned to the checked
// one), no redirects, a deadline over the whole exchange and a size cap counted while the body streams.
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressRefusalReason } from './ip-ranges.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

export type OutboundFetchErrorCode =
  | 'INVALID_URL'
  | 'INVALID_DID'
  | 'DNS_ERROR'
  | 'FORBIDDEN_ADDRESS'
  | 'TIMEOUT'
  | 'REDIRECT'
  | 'HTTP_ERROR'
  | 'NOT_JSON'
  | 'TOO_LARGE'
  | 'ID_MISMATCH';

export class OutboundFetchError extends Error {
  constructor(
    readonly code: OutboundFetchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundFetchError';
  }
}

/** The bounds every outbound fetch has; tests relax the address rule (and allow plain HTTP) to reach a local server. */
export interface OutboundFetchBounds {
  /** The whole exchange (DNS, connect, body) must finish within this. */
  timeoutMs?: number;
  /** Largest body accepted, counted while streaming (a Content-Length may lie). */
  maxBytes?: number;
  /** Host name → every address it resolves to. */
  lookup?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** Why an address must not be contacted (undefined = allowed). */
  refuseAddress?: (address: string) => string | undefined;
  /** Plain HTTP as well as HTTPS. Only for tests against a local server; never in production. */
  allowHttp?: boolean;
  /** Extra trusted CA (PEM) for HTTPS, e.g. a test certificate. */
  ca?: string | Buffer;
}

export interface JsonRequest {
  /** The Accept header sent. */
  accept: string;
  /** The media types accepted in the answer; anything else is NOT_JSON. */
  mediaTypes: ReadonlySet<string>;
}

const systemLookup = async (hostname: string): Promise<ResolvedAddress[]> => dnsLookup(hostname, { all: true, verbatim: true });

/** GETs a JSON document within the bounds; every failure is an OutboundFetchError with its code. */
export async function fetchJson(
  href: string,
  request: JsonRequest,
  bounds: OutboundFetchBounds & Required<Pick<OutboundFetchBounds, 'timeoutMs' | 'maxBytes'>>,
): Promise<unknown> {
  const body = await fetchBody(href, request, bounds);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new OutboundFetchError('NOT_JSON', `${href} did not answer valid JSON`);
  }
}

/** GETs the raw bytes of a resource within the bounds (any media type): what a digest is computed over. */
export function fetchBytes(
  href: string,
  bounds: OutboundFetchBounds & Required<Pick<OutboundFetchBounds, 'timeoutMs' | 'maxBytes'>>,
): Promise<Buffer> {
  return fetchBody(href, { accept: '*/*', mediaTypes: 'any' }, bounds);
}

async function fetchBody(
  href: string,
  request: JsonRequest | { accept: string; mediaTypes: 'any' },
  bounds: OutboundFetchBounds & Required<Pick<OutboundFetchBounds, 'timeoutMs' | 'maxBytes'>>,
): Promise<Buffer> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    throw new OutboundFetchError('INVALID_URL', `not a URL: ${href}`);
  }
  if (url.protocol !== 'https:' && !(bounds.allowHttp && url.protocol === 'http:'))
    throw new OutboundFetchError('INVALID_URL', `${href}: only https is fetched`);
  if (url.username || url.password) throw new OutboundFetchError('INVALID_URL', `${href}: credentials in a URL are refused`);
  const signal = AbortSignal.timeout(bounds.timeoutMs);
  const pinned = await checkedAddress(
    url.hostname.replace(/^\[(.*)\]$/, '$1'),
    bounds.lookup ?? systemLookup,
    bounds.refuseAddress ?? addressRefusalReason,
    signal,
  );
  return get(url, pinned, request, { maxBytes: bounds.maxBytes, ca: bounds.ca, signal });
}

function rejectOnAbort(signal: AbortSignal, hostname: string): Promise<never> {
  return new Promise((_, reject) => {
    const fail = (): void => reject(new OutboundFetchError('TIMEOUT', `resolving ${hostname} timed out`));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

async function checkedAddress(
  hostname: string,
  lookup: NonNullable<OutboundFetchBounds['lookup']>,
  refuseAddress: NonNullable<OutboundFetchBounds['refuseAddress']>,
  signal: AbortSignal,
): Promise<ResolvedAddress> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await Promise.race([lookup(hostname), rejectOnAbort(signal, hostname)]);
  } catch (error) {
    if (error instanceof OutboundFetchError) throw error;
    throw new OutboundFetchError('DNS_ERROR', `cannot resolve host ${hostname} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (addresses.length === 0) throw new OutboundFetchError('DNS_ERROR', `host ${hostname} has no address`);
  // Every address is checked, not just the first: a mixed answer is how DNS-based attacks hide a private address.
  for (const { address } of addresses) {
    const reason = refuseAddress(address);
    if (reason) throw new OutboundFetchError('FORBIDDEN_ADDRESS', `host ${hostname} resolves to ${address}, a ${reason} address`);
  }
  return addresses[0];
}

function get(
  url: URL,
  pinned: ResolvedAddress,
  request: JsonRequest | { accept: string; mediaTypes: 'any' },
  options: { maxBytes: number; ca?: string | Buffer; signal: AbortSignal },
): Promise<Buffer> {
  // Connect to the address we checked, not to a second DNS answer (DNS rebinding); TLS still verifies the host name.
  const lookup = ((_hostname, lookupOptions, callback) => {
    if (lookupOptions?.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  }) as LookupFunction;
  const transport = url.protocol === 'https:' ? https : http;
  const href = url.href;

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (code: OutboundFetchErrorCode, message: string): void => {
      if (settled) return;
      settled = true;
      outgoing.destroy();
      reject(new OutboundFetchError(code, message));
    };
    const outgoing = transport.request(
      url,
      {
        method: 'GET',
        agent: false,
        lookup,
        signal: options.signal,
        headers: { accept: request.accept },
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) return fail('REDIRECT', `${href} answered a redirect (${status}); redirects are not followed`);
        if (status !== 200) return fail('HTTP_ERROR', `${href} answered HTTP ${status}`);
        const mediaType = (response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (request.mediaTypes !== 'any' && !request.mediaTypes.has(mediaType))
          return fail('NOT_JSON', `${href} answered ${mediaType || 'no content type'}, not JSON`);
        if (Number(response.headers['content-length'] ?? 0) > options.maxBytes)
          return fail('TOO_LARGE', `${href} announces more than ${options.maxBytes} bytes`);
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) fail('TOO_LARGE', `${href} sent more than ${options.maxBytes} bytes`);
          else chunks.push(chunk);
        });
        response.on('end', () => {
          if (settled) return;
          settled = true;
          resolve(Buffer.concat(chunks));
        });
        response.on('error', (error) => fail(options.signal.aborted ? 'TIMEOUT' : 'HTTP_ERROR', `${href}: ${error.message}`));
      },
    );
    outgoing.on('error', (error) => fail(options.signal.aborted ? 'TIMEOUT' : 'HTTP_ERROR', `${href}: ${error.message}`));
    outgoing.end();
  });
}
