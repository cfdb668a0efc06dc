// Private keys at rest: AES-256-GCM under a 32-byte key-encryption key (KEK) read once from the environment.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface EncryptedPrivateKey {
  v: 1;
  alg: 'A256GCM';
  /** Which key this is (its verification method id): bound as associated data, so envelopes cannot be swapped. */
  kid: string;
  iv: string;
  tag: string;
  ct: string;
}

export class KeyEncryptionError extends Error {
  constructor(
    readonly code: 'INVALID_KEK' | 'INVALID_ENVELOPE' | 'DECRYPTION_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'KeyEncryptionError';
  }
}

const KEK_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function assertKek(kek: Uint8Array): void {
  if (!kek) throw new TypeError('"kek" is required.');
  if (kek.length !== KEK_BYTES) throw new KeyEncryptionError('INVALID_KEK', `the key-encryption key must be ${KEK_BYTES} bytes`);
}

function associatedData({ v, alg, kid }: Pick<EncryptedPrivateKey, 'v' | 'alg' | 'kid'>): Buffer {
  return Buffer.from(JSON.stringify([v, alg, kid]), 'utf8');
}

export function encryptPrivateKey({ privateKey, kek, kid }: { privateKey: string; kek: Uint8Array; kid: string }): EncryptedPrivateKey {
  if (!privateKey) throw new TypeError('"privateKey" is required.');
  if (!kid) throw new TypeError('"kid" is required.');
  assertKek(kek);
  const header = { v: 1, alg: 'A256GCM', kid } as const;
  const iv = randomBytes(IV_BYTES); // random per envelope: GCM must never reuse an IV under one key
  const cipher = createCipheriv('aes-256-gcm', kek, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(header));
  const ct = Buffer.concat([cipher.update(privateKey, 'utf8'), cipher.final()]);
  return { ...header, iv: iv.toString('base64url'), tag: cipher.getAuthTag().toString('base64url'), ct: ct.toString('base64url') };
}

function decodeField(envelope: EncryptedPrivateKey, field: 'iv' | 'tag' | 'ct', bytes?: number): Buffer {
  const value = envelope[field];
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]*$/.test(value)) {
    throw new KeyEncryptionError('INVALID_ENVELOPE', `envelope field "${field}" is not base64url`);
  }
  const decoded = Buffer.from(value, 'base64url');
  if (bytes !== undefined && decoded.length !== bytes) {
    throw new KeyEncryptionError('INVALID_ENVELOPE', `envelope field "${field}" must be ${bytes} bytes`);
  }
  return decoded;
}

export function decryptPrivateKey({ envelope, kek }: { envelope: EncryptedPrivateKey; kek: Uint8Array }): string {
  if (!envelope) throw new TypeError('"envelope" is required.');
  assertKek(kek);
  if (envelope.v !== 1 || envelope.alg !== 'A256GCM' || typeof envelope.kid !== 'string') {
    throw new KeyEncryptionError('INVALID_ENVELOPE', 'unsupported envelope version or algorithm');
  }
  const iv = decodeField(envelope, 'iv', IV_BYTES);
  const tag = decodeField(envelope, 'tag', TAG_BYTES);
  const ct = decodeField(envelope, 'ct');
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(envelope));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  } catch {
    // One message for a wrong KEK and for tampering: telling them apart would help an attacker, not an operator.
    throw new KeyEncryptionError(
      'DECRYPTION_FAILED',
      `cannot decrypt the private key ${envelope.kid}: wrong key-encryption key or altered envelope`,
    );
  }
}

/** 32 bytes written as hex, base64 or base64url (padding optional). Returns undefined when it is none of these. */
function decodeKekText(text: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) {
    const decoded = Buffer.from(text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'), 'base64url');
    if (decoded.length === KEK_BYTES) return decoded;
  }
  return undefined;
}

/**
 * The KEK from an environment value (hex, base64 or base64url of 32 bytes) or from a file holding either that text or
 * the 32 raw bytes (e.g. a mounted secret). Errors name the source, never its content.
 */
export function loadKeyEncryptionKey({
  value,
  file,
  source = 'VC_KEY_ENCRYPTION_KEY',
}: {
  value?: string;
  file?: string;
  source?: string;
}): Buffer {
  if (value !== undefined && file !== undefined) {
    throw new KeyEncryptionError('INVALID_KEK', `${source}: give the key-encryption key as a value or as a file, not both`);
  }
  if (value !== undefined) {
    const kek = decodeKekText(value.trim());
    if (!kek) throw new KeyEncryptionError('INVALID_KEK', `${source} must be 32 bytes written as hex (64 characters), base64 or base64url`);
    return kek;
  }
  if (file !== undefined) {
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch (error) {
      throw new KeyEncryptionError(
        'INVALID_KEK',
        `${source}: cannot read the key-encryption key file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    if (content.length === KEK_BYTES) return content;
    const kek = decodeKekText(content.toString('utf8').trim());
    if (!kek)
      throw new KeyEncryptionError(
        'INVALID_KEK',
        `${source}: the file ${file} must hold 32 raw bytes, or 32 bytes written as hex, base64 or base64url`,
      );
    return kek;
  }
  throw new KeyEncryptionError('INVALID_KEK', `${source} is not set: a 32-byte key-encryption key is required to use issuer keys`);
}
