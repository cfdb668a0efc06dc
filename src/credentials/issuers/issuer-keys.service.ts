// Issuer key material: generates Ed25519 keys, seals their private half under the key-encryption key (KEK) and
// opens it again for one signature. The only holder of the KEK; never logs or returns a private key.
import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { didKeyFromPublicKey } from '../vc/dids.js';
import {
  decryptPrivateKey,
  encryptPrivateKey,
  type EncryptedPrivateKey,
  KeyEncryptionError,
  loadKeyEncryptionKey,
} from '../vc/key-encryption.js';
import { exportKeyPair, generateDidKeyPair, generateKeyPair, importKeyPair, type IssuerKeyPair } from '../vc/keys.js';
import type { IssuerKey } from './issuer-key.entity.js';

export type SealedIssuerKey = Pick<IssuerKey, 'did' | 'verificationMethod' | 'publicKeyMultibase' | 'encryptedPrivateKey'>;

export const DEVELOPMENT_KEK_FILE = 'key-encryption.key';

/**
 * The KEK used when none is configured (development only: production refuses to start without one). Kept in the
 * embedded database's directory when that is a real directory, so the demo's keys survive a restart; otherwise
 * (tests, `memory://`) a random key that lives as long as the process.
 */
export function developmentKeyEncryptionKey(pgliteDir: string): { kek: Buffer; file?: string } {
  if (!isDirectory(pgliteDir)) return { kek: randomBytes(32) };
  const file = join(pgliteDir, DEVELOPMENT_KEK_FILE);
  try {
    // 'wx': never overwrite a key that already seals private keys, and let a second process read the first one's.
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return { kek: loadKeyEncryptionKey({ file, source: 'the development key-encryption key file' }), file };
}

function isDirectory(path: string): boolean {
  if (path.startsWith('memory://')) return false;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

@Injectable()
export class IssuerKeysService {
  private readonly logger = new Logger('IssuerKeys');
  private kek?: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** A new key sealed for storage: under `controller` (a school's did:web), or its own did:key when none is given. */
  async generate(controller?: string): Promise<SealedIssuerKey> {
    const keyPair = controller ? await generateKeyPair({ controller }) : await generateDidKeyPair();
    const did = controller ?? didKeyFromPublicKey(keyPair.publicKeyMultibase);
    const verificationMethod = `${did}#${keyPair.publicKeyMultibase}`;
    const { secretKeyMultibase } = await exportKeyPair({ keyPair, includeSecret: true });
    const encryptedPrivateKey: EncryptedPrivateKey = encryptPrivateKey({
      privateKey: secretKeyMultibase!,
      kek: this.keyEncryptionKey(),
      kid: verificationMethod,
    });
    return { did, verificationMethod, publicKeyMultibase: keyPair.publicKeyMultibase, encryptedPrivateKey };
  }

  /** The key pair, private half decrypted, for the signature about to be made; callers must not keep it. */
  async unseal(key: SealedIssuerKey): Promise<IssuerKeyPair> {
    let secretKeyMultibase: string;
    try {
      secretKeyMultibase = decryptPrivateKey({ envelope: key.encryptedPrivateKey, kek: this.keyEncryptionKey() });
    } catch (error) {
      if (!(error instanceof KeyEncryptionError)) throw error;
      // Typically a key sealed under another KEK (changed variable, or the in-memory development key of an earlier run).
      this.logger.error(`${error.message}. Check KEY_ENCRYPTION_KEY, or rotate the institution's key.`);
      throw new ServiceUnavailableException({
        code: 'issuer_key_unavailable',
        detail: 'The institution’s signing key cannot be opened with the configured key-encryption key.',
      });
    }
    return importKeyPair({
      id: key.verificationMethod,
      controller: key.did,
      publicKeyMultibase: key.publicKeyMultibase,
      secretKeyMultibase,
    });
  }

  private keyEncryptionKey(): Buffer {
    if (this.config.credentials.keyEncryptionKey) return this.config.credentials.keyEncryptionKey;
    if (!this.kek) {
      const { kek, file } = developmentKeyEncryptionKey(this.config.pgliteDir);
      this.kek = kek;
      this.logger.warn(
        file
          ? `KEY_ENCRYPTION_KEY is not set: issuer private keys are encrypted with a development key kept in ${file}. Set KEY_ENCRYPTION_KEY outside development.`
          : 'KEY_ENCRYPTION_KEY is not set: issuer private keys are encrypted with a random in-memory key and cannot be opened after a restart.',
      );
    }
    return this.kek;
  }
}
