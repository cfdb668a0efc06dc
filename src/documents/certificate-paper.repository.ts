// Reads and writes paper snapshots; the first writer wins, so two concurrent first downloads print the same pages.
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { CertificateLogo, CertificatePaper, type PaperExtras } from './certificate-paper.entity.js';

export interface PaperSnapshot {
  layout: string;
  extras: PaperExtras;
  /** By SHA-256: the logos the snapshot names. */
  logos: Map<string, Uint8Array>;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

@Injectable()
export class CertificatePaperRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(credentialId: string): Promise<PaperSnapshot | null> {
    const paper = await this.dataSource.getRepository(CertificatePaper).findOneBy({ credentialId });
    if (!paper) return null;
    const hashes = paper.extras.institutions.flatMap((school) => (school.logoSha256 ? [school.logoSha256] : []));
    const logos = hashes.length ? await this.dataSource.getRepository(CertificateLogo).findBy({ sha256: In(hashes) }) : [];
    return { layout: paper.layout, extras: paper.extras, logos: new Map(logos.map((logo) => [logo.sha256, new Uint8Array(logo.png)])) };
  }

  /** Stores the snapshot unless one exists already, and returns the one that is kept. */
  async keepFirst(credentialId: string, layout: string, extras: PaperExtras, logos: Uint8Array[]): Promise<PaperSnapshot> {
    await this.dataSource.transaction(async (manager) => {
      for (const png of logos) {
        await manager.createQueryBuilder().insert().into(CertificateLogo).values({ sha256: sha256Hex(png), png: Buffer.from(png) }).orIgnore().execute();
      }
      await manager.createQueryBuilder().insert().into(CertificatePaper).values({ credentialId, layout, extras }).orIgnore().execute();
    });
    return (await this.find(credentialId))!;
  }
}
