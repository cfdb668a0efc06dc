// Text in the service's three languages; at least one must be present, French first for the schools.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { stripBidiControls, WithoutBidiControls } from './storable-text.js';

export const LANGUAGES = ['fr', 'ar', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type LocalizedText = Partial<Record<Language, string>>;

export class LocalizedTextDto implements LocalizedText {
  @ApiPropertyOptional({ example: 'Gestion de crise' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @WithoutBidiControls()
  fr?: string;

  @ApiPropertyOptional({ example: 'إدارة الأزمات' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @WithoutBidiControls()
  ar?: string;

  @ApiPropertyOptional({ example: 'Crisis management' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @WithoutBidiControls()
  en?: string;
}

/** Used with @Validate on a LocalizedTextDto property: at least one language must carry text. */
@ValidatorConstraint({ name: 'hasSomeLanguage' })
export class HasSomeLanguage implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (value === undefined || value === null) return true; // presence is @IsDefined's job
    return (
      typeof value === 'object' &&
      LANGUAGES.some((lang) => {
        const text = (value as LocalizedText)[lang];
        return typeof text === 'string' && text.trim().length > 0;
      })
    );
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} needs text in at least one of fr, ar, en`;
  }
}

/** Drops empty languages, bidi controls (imported text too) and blanks around, so stored text never holds blanks. */
export function cleanLocalized(text: LocalizedText | undefined | null): LocalizedText | null {
  if (!text) return null;
  const out: LocalizedText = {};
  for (const lang of LANGUAGES) {
    const value = typeof text[lang] === 'string' ? stripBidiControls(text[lang]).trim() : undefined;
    if (value) out[lang] = value;
  }
  return Object.keys(out).length ? out : null;
}

/**
 * Folds text for accent- and case-insensitive search in French, Arabic and English:
 * lower case, combining marks removed (Latin accents, Arabic harakat and hamza forms of alef),
 * and the usual Arabic spelling variants merged (ى→ي, ة→ه, ـ removed).
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ـ/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function searchableText(...texts: (LocalizedText | string | null | undefined)[]): string {
  const parts: string[] = [];
  for (const text of texts) {
    if (!text) continue;
    if (typeof text === 'string') parts.push(text);
    else for (const lang of LANGUAGES) if (text[lang]) parts.push(text[lang]!);
  }
  return foldForSearch(parts.join(' '));
}

/** Escapes LIKE wildcards in user text (PostgreSQL's default escape character is a backslash). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
