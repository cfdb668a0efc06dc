import 'reflect-metadata';
import { HttpException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, ValidateNested } from 'class-validator';
import { LocalizedTextDto } from './localized-text.js';
import { PageQuery } from './page.js';
import { validationPipe } from './validation.js';

class CreateSchoolDto {
  @ApiProperty() @IsString() slug: string;
  @ApiPropertyOptional({ type: LocalizedTextDto }) @IsOptional() @ValidateNested() @Type(() => LocalizedTextDto) family?: LocalizedTextDto;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() website?: string | null;
}
class UpdateSchoolDto extends PartialType(CreateSchoolDto) {}

const run = async (value: unknown, metatype: new () => object, type: 'body' | 'query' = 'body') => {
  try {
    return await validationPipe.transform(value, { type, metatype });
  } catch (error) {
    return { status: (error as HttpException).getStatus(), errors: ((error as HttpException).getResponse() as { errors: unknown }).errors };
  }
};

describe('validationPipe', () => {
  it('drops a null the contract does not allow, so it reads as absent, and keeps a declared one', async () => {
    expect(await run({ slug: null, family: { ar: null, fr: 'Direction' }, website: null }, UpdateSchoolDto)).toEqual({
      family: { fr: 'Direction' },
      website: null,
    });
  });

  it('still refuses a null for a required field', async () => {
    expect(await run({ slug: null }, CreateSchoolDto)).toMatchObject({ status: 400, errors: [{ field: 'slug' }] });
  });

  it('refuses query values PostgreSQL cannot store, and an offset past its integer', async () => {
    expect(await run({ offset: '99999999999999999999' }, PageQuery, 'query')).toMatchObject({ status: 400, errors: [{ field: 'offset' }] });
    expect(await run({ q: 'a\u0000' }, PageQuery, 'query')).toEqual({
      status: 400,
      errors: [{ field: 'q', reason: 'must not contain the NUL character (U+0000)' }],
    });
    expect(await run({ q: ['x', '\ud800'] }, PageQuery, 'query')).toMatchObject({ status: 400, errors: [{ field: 'q' }] });
  });
});
