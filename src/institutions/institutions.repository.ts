import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Institution } from './institution.entity.js';

@Injectable()
export class InstitutionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(Institution);
  }

  findAll(): Promise<Institution[]> {
    return this.repo().find({ order: { slug: 'ASC' } });
  }

  findById(id: string, manager?: EntityManager): Promise<Institution | null> {
    return this.repo(manager).findOneBy({ id });
  }

  findBySlug(slug: string, manager?: EntityManager): Promise<Institution | null> {
    return this.repo(manager).findOneBy({ slug });
  }

  async logo(id: string): Promise<Buffer | null> {
    const row = await this.repo().createQueryBuilder('i').addSelect('i.logoPng').where('i.id = :id', { id }).getOne();
    return row?.logoPng ?? null;
  }

  async setLogo(id: string, png: Buffer): Promise<void> {
    await this.repo().update({ id }, { logoPng: png });
  }

  save(institution: Partial<Institution>, manager?: EntityManager): Promise<Institution> {
    return this.repo(manager).save(institution);
  }
}
