// Institutions, users, competency frameworks (scales, items, associations) and job profiles.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE TABLE "institution" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "slug" text NOT NULL,
        "kind" text NOT NULL,
        "name" jsonb NOT NULL,
        "country" character(2) NOT NULL,
        "website" text,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_f60ee4ff0719b7df54830b39087" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_institution_slug" ON "institution" ("slug")`);
    await queryRunner.query(`CREATE TABLE "app_user" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "passwordHash" text NOT NULL,
        "displayName" text NOT NULL,
        "role" text NOT NULL,
        "institutionId" uuid,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_email" ON "app_user" ("email")`);
    await queryRunner.query(`CREATE TABLE "proficiency_scale" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "frameworkId" uuid NOT NULL,
        "identifier" uuid NOT NULL,
        "code" text NOT NULL,
        "title" jsonb NOT NULL,
        "position" integer NOT NULL,
        CONSTRAINT "PK_3b7826de06fdd9d4cff7a032ecb" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_scale_code" ON "proficiency_scale" ("frameworkId", "code")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_scale_identifier" ON "proficiency_scale" ("frameworkId", "identifier")`);
    await queryRunner.query(`CREATE TABLE "proficiency_level" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "scaleId" uuid NOT NULL,
        "identifier" uuid NOT NULL,
        "rank" integer NOT NULL,
        "code" text NOT NULL,
        "label" jsonb NOT NULL,
        "description" jsonb,
        CONSTRAINT "PK_376db22e31ccd9777f6fb3e6d77" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_level_rank" ON "proficiency_level" ("scaleId", "rank")`);
    await queryRunner.query(`CREATE TABLE "framework" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "identifier" uuid NOT NULL,
        "uri" text NOT NULL,
        "version" text NOT NULL,
        "status" text NOT NULL DEFAULT 'draft',
        "title" jsonb NOT NULL,
        "description" jsonb,
        "ownerInstitutionId" uuid NOT NULL,
        "previousVersionId" uuid,
        "publishedAt" TIMESTAMP WITH TIME ZONE,
        "retiredAt" TIMESTAMP WITH TIME ZONE,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_413064c9a2fb226f0d933712883" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_framework_one_draft" ON "framework" ("identifier") WHERE "status" = 'draft'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_framework_version" ON "framework" ("identifier", "version")`);
    await queryRunner.query(`CREATE TABLE "framework_item" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "frameworkId" uuid NOT NULL,
        "identifier" uuid NOT NULL,
        "uri" text NOT NULL,
        "parentId" uuid,
        "position" integer NOT NULL DEFAULT '0',
        "code" text,
        "itemType" text NOT NULL,
        "kind" text,
        "label" jsonb NOT NULL,
        "description" jsonb,
        "scaleId" uuid,
        "searchText" text NOT NULL,
        CONSTRAINT "PK_1a96e717743022ccba06f870801" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_item_identifier" ON "framework_item" ("identifier")`);
    await queryRunner.query(`CREATE INDEX "ix_item_parent" ON "framework_item" ("parentId")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_item_code" ON "framework_item" ("frameworkId", "code")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_item_identifier" ON "framework_item" ("frameworkId", "identifier")`);
    await queryRunner.query(`CREATE TABLE "item_association" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "frameworkId" uuid NOT NULL,
        "identifier" uuid NOT NULL,
        "originId" uuid NOT NULL,
        "type" text NOT NULL,
        "destinationItemId" uuid,
        "destinationUri" text,
        "destinationLabel" text,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_association_destination" CHECK ("destinationItemId" IS NOT NULL OR "destinationUri" IS NOT NULL),
        CONSTRAINT "PK_0772d32c89e3a08b111c345ac4d" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_association_destination" ON "item_association" ("destinationItemId")`);
    await queryRunner.query(`CREATE INDEX "ix_association_origin" ON "item_association" ("originId")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_association_identifier" ON "item_association" ("frameworkId", "identifier")`);
    await queryRunner.query(`CREATE TABLE "job_profile" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "identifier" uuid NOT NULL,
        "version" text NOT NULL,
        "status" text NOT NULL DEFAULT 'draft',
        "code" text NOT NULL,
        "family" jsonb,
        "subFamily" jsonb,
        "title" jsonb NOT NULL,
        "definition" jsonb,
        "activities" jsonb NOT NULL,
        "iscoCode" text,
        "escoUri" text,
        "ownerInstitutionId" uuid NOT NULL,
        "searchText" text NOT NULL,
        "previousVersionId" uuid,
        "publishedAt" TIMESTAMP WITH TIME ZONE,
        "retiredAt" TIMESTAMP WITH TIME ZONE,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_8b58c704666fe3931e8d0ea259f" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_job_profile_code" ON "job_profile" ("ownerInstitutionId", "code")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_job_profile_one_draft" ON "job_profile" ("identifier") WHERE "status" = 'draft'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_job_profile_version" ON "job_profile" ("identifier", "version")`);
    await queryRunner.query(`CREATE TABLE "profile_requirement" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "profileId" uuid NOT NULL,
        "itemId" uuid NOT NULL,
        "levelId" uuid NOT NULL,
        "essential" boolean NOT NULL DEFAULT true,
        "position" integer NOT NULL DEFAULT '0',
        CONSTRAINT "PK_7b411b239572db46f600f08b74c" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_requirement_item" ON "profile_requirement" ("itemId")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_requirement_item" ON "profile_requirement" ("profileId", "itemId")`);
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "FK_585179fb43eb0caea5fd1201f4f" FOREIGN KEY ("institutionId") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proficiency_scale" ADD CONSTRAINT "FK_3d65f7451cfdfd9615503546c29" FOREIGN KEY ("frameworkId") REFERENCES "framework"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proficiency_level" ADD CONSTRAINT "FK_4a122963bbb2e4cd765000ca43f" FOREIGN KEY ("scaleId") REFERENCES "proficiency_scale"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "framework" ADD CONSTRAINT "FK_8a63cf1f46926f3f004bcde4d58" FOREIGN KEY ("ownerInstitutionId") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "framework" ADD CONSTRAINT "FK_acda57abcf315f7bfd77f7b1bad" FOREIGN KEY ("previousVersionId") REFERENCES "framework"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "framework_item" ADD CONSTRAINT "FK_21318942e582a97511e006188d6" FOREIGN KEY ("frameworkId") REFERENCES "framework"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "framework_item" ADD CONSTRAINT "FK_2d347048a21b50d721af7ccdf41" FOREIGN KEY ("parentId") REFERENCES "framework_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "framework_item" ADD CONSTRAINT "FK_e4763650b747ca9ac77da7e6ec5" FOREIGN KEY ("scaleId") REFERENCES "proficiency_scale"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "item_association" ADD CONSTRAINT "FK_32ff3da82b6589c26a63042b0f9" FOREIGN KEY ("frameworkId") REFERENCES "framework"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "item_association" ADD CONSTRAINT "FK_74ec65ed503ba39c6ef131904de" FOREIGN KEY ("originId") REFERENCES "framework_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "item_association" ADD CONSTRAINT "FK_37f46124b42ae56cd78c3017c90" FOREIGN KEY ("destinationItemId") REFERENCES "framework_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "job_profile" ADD CONSTRAINT "FK_082ced1205d555c7eda71a0c095" FOREIGN KEY ("ownerInstitutionId") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "job_profile" ADD CONSTRAINT "FK_f8646cbd954c914fce44c6c930b" FOREIGN KEY ("previousVersionId") REFERENCES "job_profile"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "profile_requirement" ADD CONSTRAINT "FK_fbe05c802b0cb25de6099e53822" FOREIGN KEY ("profileId") REFERENCES "job_profile"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "profile_requirement" ADD CONSTRAINT "FK_5328e3639f68d110b5d18876e0f" FOREIGN KEY ("itemId") REFERENCES "framework_item"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "profile_requirement" ADD CONSTRAINT "FK_004fb8727d5e97488d5e3963690" FOREIGN KEY ("levelId") REFERENCES "proficiency_level"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE INDEX "ix_item_search" ON "framework_item" USING gin ("searchText" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_job_profile_search" ON "job_profile" USING gin ("searchText" gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "profile_requirement" CASCADE`);
    await queryRunner.query(`DROP TABLE "job_profile" CASCADE`);
    await queryRunner.query(`DROP TABLE "item_association" CASCADE`);
    await queryRunner.query(`DROP TABLE "framework_item" CASCADE`);
    await queryRunner.query(`DROP TABLE "framework" CASCADE`);
    await queryRunner.query(`DROP TABLE "proficiency_level" CASCADE`);
    await queryRunner.query(`DROP TABLE "proficiency_scale" CASCADE`);
    await queryRunner.query(`DROP TABLE "app_user" CASCADE`);
    await queryRunner.query(`DROP TABLE "institution" CASCADE`);
  }
}
