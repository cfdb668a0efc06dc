// VC 2.0 §5.3 relatedResource: each entry names a resource by `id` and pins its bytes with a digest (digestSRI, as in
// Subresource Integrity, or digestMultibase, a multibase multihash). A digest nobody checks pins nothing, so the bytes
// are fetched (bounded, see bounded-fetch.ts) and hashed.
import { createHash } from 'node:crypto';
import { decode as base58Decode } from 'base58-universal';
import { fetchBytes, type OutboundFetchBounds } from './bounded-fetch.js';

type JsonObject = Record<string, unknown>;

export interface RelatedResourceProblem {
  /** Where, e.g. relatedResource[1].digestSRI. */
  field: string;
  reason: string;
  /** The resource could not be had now (the digest is neither confirmed nor refuted). */
  unavailable?: boolean;
}

/** The bytes of a related resource; throws (an OutboundFetchError) when they cannot be had. */
export type FetchResource = (url: string) => Promise<Uint8Array>;

const SRI_ALGORITHMS: Record<string, string> = { sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };
// Multihash codes (multiformats/multicodec table) of the hashes we compute, with their digest lengths.
const MULTIHASH: Record<number, { algorithm: string; length: number }> = {
  0x12: { algorithm: 'sha256', length: 32 },
  0x20: { algorithm: 'sha384', length: 48 },
  0x13: { algorithm: 'sha512', length: 64 },
  0x16: { algorithm: 'sha3-256', length: 32 },
  0x15: { algorithm: 'sha3-384', length: 48 },
  0x14: { algorithm: 'sha3-512', length: 64 },
};

const isUrl = (value: unknown): value is string => typeof value === 'string' && URL.canParse(value) && !/\s/.test(value);
const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** base58btc bytes, or undefined when the text is not base58btc. */
const base58Bytes = (text: string): Buffer | undefined => {
  const bytes = base58Decode(text);
  return bytes ? Buffer.from(bytes) : undefined;
};

/** An SRI expression `sha384-<base64>` → the algorithm and expected digest. */
function parseSri(value: unknown): { algorithm: string; digest: Buffer } | string {
  if (typeof value !== 'string') return 'must be a string such as sha384-<base64 digest>';
  const match = /^(sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})$/.exec(value.trim());
  if (!match) return 'must be sha256-, sha384- or sha512- followed by the base64 digest';
  return { algorithm: SRI_ALGORITHMS[match[1]], digest: Buffer.from(match[2], 'base64') };
}

/** A multibase (u: base64url, z: base58btc) multihash → the algorithm and expected digest. */
function parseMultibase(value: unknown): { algorithm: string; digest: Buffer } | string {
  if (typeof value !== 'string' || value.length < 2) return 'must be a multibase-encoded multihash';
  const bytes =
    value[0] === 'u' && /^[A-Za-z0-9_-]+$/.test(value.slice(1))
      ? Buffer.from(value.slice(1), 'base64url')
      : value[0] === 'z'
        ? base58Bytes(value.slice(1))
        : undefined;
  if (!bytes) return 'must be multibase base64url ("u…") or base58btc ("z…")';
  const hash = MULTIHASH[bytes[0]];
  if (!hash || bytes[1] !== hash.length || bytes.length !== hash.length + 2) return 'is not a SHA-2 or SHA-3 multihash of the right length';
  return { algorithm: hash.algorithm, digest: bytes.subarray(2) };
}

/** What is wrong with the entries' shape (no fetch): objects with a URL id, each id once, each with a well-formed digest. */
export function relatedResourceShapeProblems(value: unknown, at = 'relatedResource'): RelatedResourceProblem[] {
  if (value === undefined) return [];
  const problems: RelatedResourceProblem[] = [];
  const entries = asList(value);
  if (entries.length === 0) problems.push({ field: at, reason: 'must hold at least one resource' });
  const seen = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    const field = Array.isArray(value) ? `${at}[${index}]` : at;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push({ field, reason: 'must be an object with an id and a digest' });
      continue;
    }
    const resource = entry as JsonObject;
    if (!isUrl(resource.id)) problems.push({ field: `${field}.id`, reason: 'must be the URL of the resource' });
    else if (seen.has(resource.id)) problems.push({ field: `${field}.id`, reason: `${resource.id} is listed twice` });
    else seen.add(resource.id);
    if (resource.digestSRI === undefined && resource.digestMultibase === undefined)
      problems.push({ field, reason: 'needs digestSRI or digestMultibase' });
    for (const [name, parse] of [
      ['digestSRI', parseSri],
      ['digestMultibase', parseMultibase],
    ] as const) {
      for (const digest of asList(resource[name])) {
        const parsed = parse(digest);
        if (typeof parsed === 'string') problems.push({ field: `${field}.${name}`, reason: parsed });
      }
    }
  }
  return problems;
}

/** Shape, then every digest against the fetched bytes. */
export async function relatedResourceProblems(
  value: unknown,
  fetchResource: FetchResource,
  at = 'relatedResource',
): Promise<RelatedResourceProblem[]> {
  const shape = relatedResourceShapeProblems(value, at);
  if (shape.length || value === undefined) return shape;
  const problems: RelatedResourceProblem[] = [];
  for (const [index, entry] of asList(value).entries()) {
    const field = Array.isArray(value) ? `${at}[${index}]` : at;
    const resource = entry as JsonObject;
    let bytes: Uint8Array;
    try {
      bytes = await fetchResource(resource.id as string);
    } catch (error) {
      const code = (error as { code?: string }).code;
      const transient = code === 'DNS_ERROR' || code === 'TIMEOUT' || code === 'HTTP_ERROR';
      problems.push({
        field: `${field}.id`,
        reason: `cannot be fetched to check its digest: ${(error as Error).message}`,
        ...(transient ? { unavailable: true } : {}),
      });
      continue;
    }
    for (const [name, parse] of [
      ['digestSRI', parseSri],
      ['digestMultibase', parseMultibase],
    ] as const) {
      for (const digest of asList(resource[name])) {
        const { algorithm, digest: expected } = parse(digest) as { algorithm: string; digest: Buffer };
        if (!createHash(algorithm).update(bytes).digest().equals(expected)) {
          problems.push({ field: `${field}.${name}`, reason: `does not match the ${algorithm} digest of ${resource.id as string}` });
        }
      }
    }
  }
  return problems;
}

// A JSON-LD context or an image is small; 2 MB leaves room without inviting abuse.
const DEFAULTS = { timeoutMs: 3_000, maxBytes: 2_000_000 };

/** Fetches a related resource within the bounds of every outbound fetch (tests relax them to reach a local server). */
export function createResourceFetcher(bounds: OutboundFetchBounds = {}): FetchResource {
  const resolved = { ...bounds, timeoutMs: bounds.timeoutMs ?? DEFAULTS.timeoutMs, maxBytes: bounds.maxBytes ?? DEFAULTS.maxBytes };
  return (url) => fetchBytes(url, resolved);
}
