// DID identifiers and documents for Ed25519 Multikeys: did:key (derived from the key) and did:web (hosted by a school).
import { DID_V1_CONTEXT_URL, MULTIKEY_V1_CONTEXT_URL } from './bundled-contexts.js';

export interface MultikeyVerificationMethod {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

export interface DidDocument {
  '@context': string | string[];
  id: string;
  verificationMethod?: MultikeyVerificationMethod[];
  assertionMethod?: (string | MultikeyVerificationMethod)[];
  authentication?: (string | MultikeyVerificationMethod)[];
  capabilityInvocation?: (string | MultikeyVerificationMethod)[];
  capabilityDelegation?: (string | MultikeyVerificationMethod)[];
  [property: string]: unknown;
}

export class InvalidDidError extends Error {
  readonly code = 'INVALID_DID';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDidError';
  }
}

// Ed25519 public keys as Multikey: multicodec 0xed01 + 32 bytes, base58btc ('z'), which always starts "z6Mk".
const ED25519_MULTIBASE = /^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/;

export function didKeyFromPublicKey(publicKeyMultibase: string): string {
  if (!publicKeyMultibase) throw new TypeError('"publicKeyMultibase" is required.');
  if (!ED25519_MULTIBASE.test(publicKeyMultibase)) {
    throw new InvalidDidError('only Ed25519 Multikey public keys ("z6Mk…") can form a did:key here');
  }
  return `did:key:${publicKeyMultibase}`;
}

const DID_DOCUMENT_CONTEXT = [DID_V1_CONTEXT_URL, MULTIKEY_V1_CONTEXT_URL];

/** did:key documents are computed from the identifier itself, so resolving one never leaves the process. */
export function didKeyDocument(did: string): DidDocument {
  if (!did) throw new TypeError('"did" is required.');
  const publicKeyMultibase = did.startsWith('did:key:') ? did.slice('did:key:'.length) : '';
  if (!ED25519_MULTIBASE.test(publicKeyMultibase)) {
    throw new InvalidDidError(`not an Ed25519 did:key: ${did}`);
  }
  const verificationMethod: MultikeyVerificationMethod = {
    id: `${did}#${publicKeyMultibase}`,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase,
  };
  const ref = [verificationMethod.id];
  return {
    '@context': DID_DOCUMENT_CONTEXT,
    id: did,
    verificationMethod: [verificationMethod],
    authentication: ref,
    assertionMethod: ref,
    capabilityInvocation: ref,
    capabilityDelegation: ref,
  };
}

// A DNS host name: labels of letters, digits and hyphens. IP literals are refused: did:web names a domain.
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const PATH_SEGMENT = /^[A-Za-z0-9._~-]+$/;

export interface DidWebLocation {
  host: string;
  port?: number;
  /** Path segments below the host, e.g. ['issuers', 'ensm-alger']; none means /.well-known/did.json. */
  path?: string[];
}

function assertHost(host: string): void {
  if (!HOST_NAME.test(host) || /^[0-9.]+$/.test(host)) throw new InvalidDidError(`not a DNS host name: ${host}`);
}

function assertPort(port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidDidError(`not a TCP port: ${port}`);
}

function assertSegment(segment: string): void {
  // Unreserved characters only: a ':' would split the segment, '%' would make the mapping ambiguous.
  if (!PATH_SEGMENT.test(segment) || segment === '.' || segment === '..') {
    throw new InvalidDidError(`not a did:web path segment: ${segment}`);
  }
}

/** `{ host: 'example.org', path: ['issuers', 'ensm-alger'] }` → `did:web:example.org:issuers:ensm-alger`. */
export function didWebFromLocation({ host, port, path = [] }: DidWebLocation): string {
  if (!host) throw new TypeError('"host" is required.');
  const lowerHost = host.toLowerCase();
  assertHost(lowerHost);
  if (port !== undefined) assertPort(port);
  path.forEach(assertSegment);
  const authority = port === undefined ? lowerHost : `${lowerHost}%3A${port}`;
  return ['did:web', authority, ...path].join(':');
}

/** Inverse of didWebFromLocation; refuses anything it could not have produced. */
export function parseDidWeb(did: string): Required<Pick<DidWebLocation, 'host' | 'path'>> & { port?: number } {
  if (!did) throw new TypeError('"did" is required.');
  if (!did.startsWith('did:web:') || /[#?/]/.test(did)) throw new InvalidDidError(`not a did:web DID: ${did}`);
  const [authority, ...path] = did.slice('did:web:'.length).split(':');
  const portMatch = /^(.*)%3[aA](\d+)$/.exec(authority);
  const host = (portMatch ? portMatch[1] : authority).toLowerCase();
  assertHost(host);
  const port = portMatch ? Number(portMatch[2]) : undefined;
  if (port !== undefined) assertPort(port);
  path.forEach(assertSegment);
  return port === undefined ? { host, path } : { host, port, path };
}

/** did:web → the HTTPS URL of its DID document (did:web method spec, "Read (Resolve)"). */
export function didWebToUrl(did: string): string {
  const { host, port, path } = parseDidWeb(did);
  const authority = port === undefined ? host : `${host}:${port}`;
  const documentPath = path.length === 0 ? '/.well-known/did.json' : `/${path.join('/')}/did.json`;
  return `https://${authority}${documentPath}`;
}

export interface DidWebKey {
  publicKeyMultibase: string;
  /** Fragment or full id; defaults to `${did}#${publicKeyMultibase}`, which stays unique across rotations. */
  id?: string;
}

/**
 * A school's did:web document. Key rotation keeps retired keys listed (and in assertionMethod) so credentials they
 * signed still verify; only the current key may authenticate or invoke capabilities. A compromised key must instead
 * be removed from the list, which deliberately breaks what it signed.
 */
export function buildDidWebDocument({ did, keys, currentKeyId }: { did: string; keys: DidWebKey[]; currentKeyId?: string }): DidDocument {
  if (!did) throw new TypeError('"did" is required.');
  if (!keys || keys.length === 0) throw new TypeError('"keys" must list at least one key.');
  parseDidWeb(did);
  const verificationMethod = keys.map(({ publicKeyMultibase, id }): MultikeyVerificationMethod => {
    if (!ED25519_MULTIBASE.test(publicKeyMultibase)) throw new InvalidDidError('only Ed25519 Multikey public keys are supported');
    const vmId = !id ? `${did}#${publicKeyMultibase}` : id.startsWith('#') ? `${did}${id}` : id;
    if (!vmId.startsWith(`${did}#`)) throw new InvalidDidError(`verification method ${vmId} is not under ${did}`);
    return { id: vmId, type: 'Multikey', controller: did, publicKeyMultibase };
  });
  const ids = verificationMethod.map((vm) => vm.id);
  if (new Set(ids).size !== ids.length) throw new InvalidDidError('verification method ids must be unique');
  const current = currentKeyId ? (currentKeyId.startsWith('#') ? `${did}${currentKeyId}` : currentKeyId) : ids[ids.length - 1];
  if (!ids.includes(current)) throw new InvalidDidError(`current key ${current} is not listed`);
  return {
    '@context': DID_DOCUMENT_CONTEXT,
    id: did,
    verificationMethod,
    assertionMethod: ids,
    authentication: [current],
    capabilityInvocation: [current],
  };
}
