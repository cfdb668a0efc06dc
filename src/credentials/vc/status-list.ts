// W3C Bitstring Status List: the bitstring, its encoding, the status list credential and the entry a credential carries.
import { randomInt as cryptoRandomInt } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { VC_V2_CONTEXT_URL } from './bundled-contexts.js';
import type { JsonObject } from './issuer.js';

/** The spec's minimum (16 KB): enough entries that one revealed index says little about who holds it. */
export const MIN_STATUS_LIST_LENGTH = 131_072;

export type StatusPurpose = 'revocation' | 'suspension';

export interface StatusList {
  /** Number of entries (bits). */
  length: number;
  /** Big-endian bit order: index 0 is the most significant bit of the first byte, as the spec requires. */
  bytes: Uint8Array;
}

export class StatusListError extends Error {
  constructor(
    readonly code: 'INVALID_LENGTH' | 'INDEX_OUT_OF_RANGE' | 'INVALID_ENCODING' | 'LIST_FULL',
    message: string,
  ) {
    super(message);
    this.name = 'StatusListError';
  }
}

export function createStatusList({ length = MIN_STATUS_LIST_LENGTH }: { length?: number } = {}): StatusList {
  if (!Number.isInteger(length) || length < MIN_STATUS_LIST_LENGTH || length % 8 !== 0) {
    throw new StatusListError('INVALID_LENGTH', `a status list has a multiple of 8 entries, at least ${MIN_STATUS_LIST_LENGTH}`);
  }
  return { length, bytes: new Uint8Array(length / 8) };
}

function assertIndex(list: StatusList, index: number): void {
  if (!list) throw new TypeError('"list" is required.');
  if (!Number.isInteger(index) || index < 0 || index >= list.length) {
    throw new StatusListError('INDEX_OUT_OF_RANGE', `status index ${index} is outside 0..${list.length - 1}`);
  }
}

export function getStatus(list: StatusList, index: number): boolean {
  assertIndex(list, index);
  return (list.bytes[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

/** Returns a new list; the given one is left as it was. */
export function setStatus(list: StatusList, index: number, value: boolean): StatusList {
  assertIndex(list, index);
  const bytes = list.bytes.slice();
  if (value) bytes[index >> 3] |= 0x80 >> (index & 7);
  else bytes[index >> 3] &= ~(0x80 >> (index & 7));
  return { length: list.length, bytes };
}

/** GZIP, then base64url without padding, with the multibase prefix 'u' (the spec's `encodedList`). */
export function encodeStatusList(list: StatusList): string {
  if (!list) throw new TypeError('"list" is required.');
  return `u${gzipSync(list.bytes).toString('base64url')}`;
}

/**
 * The inverse of encodeStatusList. `maxBytes` caps the decompressed size: a status list comes from another server
 * and 16 KB of GZIP can otherwise inflate to gigabytes.
 */
export function decodeStatusList(encodedList: string, { maxBytes = 16 * 1024 * 1024 }: { maxBytes?: number } = {}): StatusList {
  if (typeof encodedList !== 'string' || !encodedList.startsWith('u') || !/^u[A-Za-z0-9_-]+$/.test(encodedList)) {
    throw new StatusListError('INVALID_ENCODING', 'encodedList must be multibase base64url (prefix "u")');
  }
  let bytes: Buffer;
  try {
    bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), { maxOutputLength: maxBytes });
  } catch {
    throw new StatusListError('INVALID_ENCODING', `encodedList is not GZIP data of at most ${maxBytes} bytes`);
  }
  if (bytes.length * 8 < MIN_STATUS_LIST_LENGTH) {
    throw new StatusListError(
      'INVALID_LENGTH',
      `a status list has at least ${MIN_STATUS_LIST_LENGTH} entries, this one ${bytes.length * 8}`,
    );
  }
  return { length: bytes.length * 8, bytes: new Uint8Array(bytes) };
}

/** The unsigned status list credential; sign it with issueCredential like any other credential. */
export function buildStatusListCredential({
  id,
  issuer,
  statusPurpose,
  encodedList,
  validFrom,
  validUntil,
  ttlMs,
}: {
  id: string;
  issuer: string;
  statusPurpose: StatusPurpose;
  encodedList: string;
  validFrom?: string;
  validUntil?: string;
  /** How long verifiers may cache it (spec `ttl`, milliseconds). */
  ttlMs?: number;
}): JsonObject {
  if (!id) throw new TypeError('"id" is required.');
  if (!issuer) throw new TypeError('"issuer" is required.');
  if (!statusPurpose) throw new TypeError('"statusPurpose" is required.');
  if (!encodedList) throw new TypeError('"encodedList" is required.');
  return {
    '@context': [VC_V2_CONTEXT_URL],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    credentialSubject: {
      id: `${id}#list`,
      type: 'BitstringStatusList',
      statusPurpose,
      encodedList,
      ...(ttlMs !== undefined ? { ttl: ttlMs } : {}),
    },
  };
}

/** The `credentialStatus` entry of one credential. */
export function buildStatusEntry({
  statusListCredential,
  statusListIndex,
  statusPurpose,
}: {
  statusListCredential: string;
  statusListIndex: number;
  statusPurpose: StatusPurpose;
}): JsonObject {
  if (!statusListCredential) throw new TypeError('"statusListCredential" is required.');
  if (!Number.isInteger(statusListIndex) || statusListIndex < 0) throw new TypeError('"statusListIndex" must be a whole number.');
  if (!statusPurpose) throw new TypeError('"statusPurpose" is required.');
  return {
    id: `${statusListCredential}#${statusListIndex}`,
    type: 'BitstringStatusListEntry',
    statusPurpose,
    statusListIndex: String(statusListIndex),
    statusListCredential,
  };
}

/**
 * A random unused index (herd privacy: sequential indexes would reveal issue order and neighbours). Random probes
 * first; when the list is nearly full, a scan from a random start so it still ends. The database's unique constraint
 * stays the real guard against two concurrent picks.
 */
export async function pickRandomFreeIndex({
  length = MIN_STATUS_LIST_LENGTH,
  isUsed,
  attempts = 32,
  randomInt = cryptoRandomInt,
}: {
  length?: number;
  isUsed: (index: number) => boolean | Promise<boolean>;
  attempts?: number;
  randomInt?: (max: number) => number;
}): Promise<number> {
  if (!isUsed) throw new TypeError('"isUsed" is required.');
  if (!Number.isInteger(length) || length < 1) throw new TypeError('"length" must be a positive whole number.');
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const candidate = randomInt(length);
    if (!(await isUsed(candidate))) return candidate;
  }
  const start = randomInt(length);
  for (let offset = 0; offset < length; offset += 1) {
    const candidate = (start + offset) % length;
    if (!(await isUsed(candidate))) return candidate;
  }
  throw new StatusListError('LIST_FULL', `all ${length} indexes of this status list are used`);
}
