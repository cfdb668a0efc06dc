import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { EncryptedPrivateKey } from '../vc/key-encryption.js';
import { Institution } from '../../institutions/institution.entity.js';

/**
 * An institution's Ed25519 signing key. The private key is stored only encrypted (AES-256-GCM under the
 * key-encryption key from the environment); retired keys stay listed so credentials they signed still verify.
 */
@Entity('issuer_key')
@Index('uq_issuer_key_active', ['institutionId'], { unique: true, where: `"retiredAt" IS NULL` })
@Index('uq_issuer_key_method', ['verificationMethod'], { unique: true })
export class IssuerKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  institutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institutionId' })
  institution?: Relation<Institution>;

  /** The controller DID: the school's did:web, or the key's own did:key in the offline mode. */
  @Column('text')
  did: string;

  /** `${did}#${publicKeyMultibase}`, never reused. */
  @Column('text')
  verificationMethod: string;

  @Column('text')
  publicKeyMultibase: string;

  @Column('jsonb', { select: false })
  encryptedPrivateKey: EncryptedPrivateKey;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  retiredAt: Date | null;
}
