import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type EncryptedPrivateKey,
  KeyEncryptionError,
  decryptPrivateKey,
  encryptPrivateKey,
  loadKeyEncryptionKey,
} from './key-encryption.js';

const SECRET = 'z3u2en7t5LR2WtQH5PfsqMTtXkKGAHRjw8ukkpYEAxTtUdSNw6J2MVmq';
const KID = 'did:web:example.org:issuers:ensm-alger#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

describe('private key encryption', () => {
  const kek = randomBytes(32);

  it('round-trips a private key in a versioned AES-256-GCM envelope', () => {
    const envelope = encryptPrivateKey({ privateKey: SECRET, kek, kid: KID });
    expect(envelope).toEqual({ v: 1, alg: 'A256GCM', kid: KID, iv: expect.any(String), tag: expect.any(String), ct: expect.any(String) });
    expect(Buffer.from(envelope.iv, 'base64url')).toHaveLength(12);
    expect(JSON.stringify(envelope)).not.toContain(SECRET);
    expect(decryptPrivateKey({ envelope, kek })).toBe(SECRET);
  });

  it('uses a fresh IV each time', () => {
    const a = encryptPrivateKey({ privateKey: SECRET, kek, kid: KID });
    const b = encryptPrivateKey({ privateKey: SECRET, kek, kid: KID });
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
  });

  it('refuses a wrong key-encryption key without revealing anything', () => {
    const envelope = encryptPrivateKey({ privateKey: SECRET, kek, kid: KID });
    const attempt = (): string => decryptPrivateKey({ envelope, kek: randomBytes(32) });
    expect(attempt).toThrow(KeyEncryptionError);
    expect(attempt).toThrow(`cannot decrypt the private key ${KID}: wrong key-encryption key or altered envelope`);
  });

  it.each<[string, (e: EncryptedPrivateKey) => EncryptedPrivateKey]>([
    ['ciphertext', (e) => ({ ...e, ct: flip(e.ct) })],
    ['tag', (e) => ({ ...e, tag: flip(e.tag) })],
    ['iv', (e) => ({ ...e, iv: flip(e.iv) })],
    ['kid (an envelope moved to another key)', (e) => ({ ...e, kid: `${KID}-other` })],
  ])('refuses an envelope whose %s was altered', (_field, alter) => {
    const envelope = alter(encryptPrivateKey({ privateKey: SECRET, kek, kid: KID }));
    expect(() => decryptPrivateKey({ envelope, kek })).toThrow(expect.objectContaining({ code: 'DECRYPTION_FAILED' }));
  });

  it('refuses unknown envelope versions and a KEK of the wrong size', () => {
    const envelope = encryptPrivateKey({ privateKey: SECRET, kek, kid: KID });
    expect(() => decryptPrivateKey({ envelope: { ...envelope, v: 2 } as never, kek })).toThrow('unsupported envelope version or algorithm');
    expect(() => encryptPrivateKey({ privateKey: SECRET, kek: randomBytes(16), kid: KID })).toThrow('must be 32 bytes');
  });
});

function flip(base64url: string): string {
  const bytes = Buffer.from(base64url, 'base64url');
  bytes[0] ^= 0x01;
  return bytes.toString('base64url');
}

describe('loadKeyEncryptionKey', () => {
  const kek = randomBytes(32);

  it.each([
    ['hex', kek.toString('hex')],
    ['base64', kek.toString('base64')],
    ['base64url', kek.toString('base64url')],
    ['base64 with surrounding spaces', `  ${kek.toString('base64')}\n`],
  ])('reads 32 bytes written as %s', (_encoding, value) => {
    expect(loadKeyEncryptionKey({ value })).toEqual(kek);
  });

  it('reads a file holding the text form or the raw bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kek-'));
    try {
      writeFileSync(join(dir, 'kek.txt'), `${kek.toString('hex')}\n`);
      writeFileSync(join(dir, 'kek.bin'), kek);
      expect(loadKeyEncryptionKey({ file: join(dir, 'kek.txt') })).toEqual(kek);
      expect(loadKeyEncryptionKey({ file: join(dir, 'kek.bin') })).toEqual(kek);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains what is wrong without echoing the secret', () => {
    const tooShort = randomBytes(16).toString('hex');
    const attempt = (): Buffer => loadKeyEncryptionKey({ value: tooShort, source: 'VC_KEK' });
    expect(attempt).toThrow('VC_KEK must be 32 bytes written as hex (64 characters), base64 or base64url');
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain(tooShort);
    }
    expect(() => loadKeyEncryptionKey({})).toThrow('VC_KEY_ENCRYPTION_KEY is not set');
    expect(() => loadKeyEncryptionKey({ file: '/nonexistent/kek' })).toThrow(
      'cannot read the key-encryption key file /nonexistent/kek (ENOENT)',
    );
    expect(() => loadKeyEncryptionKey({ value: kek.toString('hex'), file: '/tmp/x' })).toThrow('not both');
  });
});
