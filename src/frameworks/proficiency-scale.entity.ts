import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { LocalizedText } from '../common/localized-text.js';
import { Framework } from './framework.entity.js';

/** Ordered proficiency levels of a framework version (e.g. the four depth levels of French job repertories). */
@Entity('proficiency_scale')
@Index('uq_scale_identifier', ['frameworkId', 'identifier'], { unique: true })
@Index('uq_scale_code', ['frameworkId', 'code'], { unique: true })
export class ProficiencyScale {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  frameworkId: string;

  @ManyToOne(() => Framework, (framework) => framework.scales, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'frameworkId' })
  framework?: Relation<Framework>;

  @Column('uuid')
  identifier: string;

  @Column('text')
  code: string;

  @Column('jsonb')
  title: LocalizedText;

  /** The first scale (lowest position) is the framework's default for items that name none. */
  @Column('int')
  position: number;

  @OneToMany(() => ProficiencyLevel, (level) => level.scale)
  levels?: Relation<ProficiencyLevel[]>;
}

@Entity('proficiency_level')
@Index('uq_level_rank', ['scaleId', 'rank'], { unique: true })
export class ProficiencyLevel {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  scaleId: string;

  @ManyToOne(() => ProficiencyScale, (scale) => scale.levels, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scaleId' })
  scale?: Relation<ProficiencyScale>;

  @Column('uuid')
  identifier: string;

  /** 1 is the lowest level. */
  @Column('int')
  rank: number;

  @Column('text')
  code: string;

  @Column('jsonb')
  label: LocalizedText;

  @Column('jsonb', { nullable: true })
  description: LocalizedText | null;
}
