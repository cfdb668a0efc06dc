import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { exportKeyPair } from '../vc/keys.js';
import { loadConfig } from '../../config/app-config.js';
import { DEVELOPMENT_KEK_FILE, developmentKeyEncryptionKey, IssuerKeysService } from './issuer-keys.service.js';

describe('development key-encryption key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kek-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is kept in the embedded database directory, readable by its owner only, and reused on the next start', () => {
    const first = developmentKeyEncryptionKey(dir);
    expect(first.file).toBe(join(dir, DEVELOPMENT_KEK_FILE));
    expect(first.kek).toHaveLength(32);
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(developmentKeyEncryptionKey(dir).kek.equals(first.kek)).toBe(true);
    expect(readFileSync(first.file!, 'utf8').trim()).toBe(first.kek.toString('hex'));
  });

  it('lives in memory only when there is no such directory', () => {
    for (const place of ['memory://', join(dir, 'absent')]) {
      const { kek, file } = developmentKeyEncryptionKey(place);
      expect(file).toBeUndefined();
      expect(kek).toHaveLength(32);
    }
    expect(developmentKeyEncryptionKey('memory://').kek.equals(developmentKeyEncryptionKey('memory://').kek)).toBe(false);
  });
});

describe('issuer key sealing', () => {
  const kek = randomBytes(32);
  const service = (key = kek) => new IssuerKeysService(loadConfig({ KEY_ENCRYPTION_KEY: key.toString('hex'), PGLITE_DIR: 'memory://' }));

  it('seals a did:web key so that only the key-encryption key opens it', async () => {
    const controller = 'did:web:competences.example.org:issuers:ensm-alger';
    const sealed = await service().generate(controller);
    expect(sealed).toMatchObject({ did: controller, verificationMethod: `${controller}#${sealed.publicKeyMultibase}` });
    expect(JSON.stringify(sealed)).not.toContain('secretKeyMultibase');
    const keyPair = await service().unseal(sealed);
    expect(keyPair).toMatchObject({ id: sealed.verificationMethod, controller, publicKeyMultibase: sealed.publicKeyMultibase });
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await expect(service(randomBytes(32)).unseal(sealed)).rejects.toMatchObject({
      status: 503,
      response: { code: 'issuer_key_unavailable' },
    });
    const { secretKeyMultibase } = await exportKeyPair({ keyPair, includeSecret: true });
    expect(logged.mock.calls.join()).not.toContain(secretKeyMultibase);
    logged.mockRestore();
  });

  it('gives a key without a controller its own did:key', async () => {
    const sealed = await service().generate();
    expect(sealed.did).toBe(`did:key:${sealed.publicKeyMultibase}`);
    expect((await service().unseal(sealed)).controller).toBe(sealed.did);
  });
});
