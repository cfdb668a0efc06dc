import { Injectable } from '@nestjs/common';
import { Permission, requireOnInstitutions } from '../auth/access-policy.js';
import { cleanLocalized, type LocalizedText } from '../common/localized-text.js';
import type { Actor } from '../auth/roles.js';
import { conflict, invalid, notFound } from '../common/problems.js';
import { logoProblem } from '../documents/certificate-logos.js';
import type { CreateInstitutionDto, InstitutionDto, UpdateInstitutionDto } from './dto/institution.dto.js';
import type { Institution } from './institution.entity.js';
import { InstitutionsRepository } from './institutions.repository.js';

@Injectable()
export class InstitutionsService {
  constructor(private readonly institutions: InstitutionsRepository) {}

  async list(): Promise<InstitutionDto[]> {
    return (await this.institutions.findAll()).map(toDto);
  }

  async get(id: string): Promise<InstitutionDto> {
    return toDto(await this.require(id));
  }

  async require(id: string): Promise<Institution> {
    const institution = await this.institutions.findById(id);
    if (!institution) throw notFound('Institution', id);
    return institution;
  }

  async create(dto: CreateInstitutionDto): Promise<InstitutionDto> {
    await this.assertSlugFree(dto.slug);
    const saved = await this.institutions.save({ ...dto, name: cleanLocalized(dto.name) as LocalizedText, website: dto.website ?? null });
    return toDto(saved);
  }

  async update(id: string, dto: UpdateInstitutionDto): Promise<InstitutionDto> {
    const institution = await this.require(id);
    if (dto.slug && dto.slug !== institution.slug) await this.assertSlugFree(dto.slug);
    Object.assign(institution, dto);
    if (dto.name) institution.name = cleanLocalized(dto.name) as LocalizedText;
    return toDto(await this.institutions.save(institution));
  }

  /** A whole, readable PNG within LOGO_LIMITS; the school's own registrars (or an admin) may change it. */
  async setLogo(id: string, file: Buffer, actor: Actor): Promise<void> {
    await this.require(id);
    requireOnInstitutions(actor, Permission.InstitutionLogoUpdate, [id]);
    const problem = await logoProblem(file);
    if (problem) throw invalid([{ field: 'file', reason: problem }]);
    await this.institutions.setLogo(id, file);
  }

  async logo(id: string): Promise<Buffer> {
    await this.require(id);
    const png = await this.institutions.logo(id);
    if (!png) throw notFound('Logo of institution', id);
    return png;
  }

  private async assertSlugFree(slug: string): Promise<void> {
    if (await this.institutions.findBySlug(slug)) {
      throw conflict('duplicate_slug', `An institution with slug ${slug} already exists.`, [{ field: 'slug', reason: 'already taken' }]);
    }
  }
}

export const toDto = (institution: Institution): InstitutionDto => ({
  id: institution.id,
  slug: institution.slug,
  kind: institution.kind,
  name: institution.name,
  country: institution.country,
  website: institution.website,
});
