// The display extras frozen at a credential's first printing, so that every later PDF of it, and the verifier,
// redraw the same pages whatever the records say since (a corrected name, a new logo, a new framework version).
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Credential } from '../credentials/credential.entity.js';
import type { LocalizedLabel } from './certificate-view.js';

export interface PaperInstitution {
  /** The school's DID, as the credential names it. */
  did: string;
  name: LocalizedLabel;
  /** SHA-256 (hex) of the logo printed, kept in certificate_logo. */
  logoSha256?: string;
}

export interface PaperExtras {
  verificationUrl: string;
  learnerName: LocalizedLabel;
  achievementTitleAr?: string;
  hours?: number;
  institutions: PaperInstitution[];
  /** [alignment targetUrl, label] in the order they were read. */
  competencyLabels: [string, LocalizedLabel][];
}

@Entity('certificate_paper')
export class CertificatePaper {
  @PrimaryColumn('uuid')
  credentialId: string;

  @ManyToOne(() => Credential, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'credentialId' })
  credential?: Relation<Credential>;

  /** The layout version of certificate-layouts.ts the first PDF was drawn with; later PDFs keep it. */
  @Column('text')
  layout: string;

  @Column('jsonb')
  extras: PaperExtras;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Logos as printed, by content: many certificates share one. */
@Entity('certificate_logo')
export class CertificateLogo {
  @PrimaryColumn('character', { length: 64 })
  sha256: string;

  @Column('bytea')
  png: Buffer;
}
