// The paper snapshot of each printed credential (certificate-paper.entity.ts) and the logos it printed, by hash.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CertificatePaper1765000000000 implements MigrationInterface {
  name = 'CertificatePaper1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "certificate_paper" (
      "credentialId" uuid NOT NULL,
      "layout" text NOT NULL,
      "extras" jsonb NOT NULL,
      "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_certificate_paper" PRIMARY KEY ("credentialId"))`);
    await queryRunner.query(
      `ALTER TABLE "certificate_paper" ADD CONSTRAINT "FK_aa754ef273148568f71a060740d" FOREIGN KEY ("credentialId") REFERENCES "credential"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE TABLE "certificate_logo" (
      "sha256" character(64) NOT NULL,
      "png" bytea NOT NULL,
      CONSTRAINT "PK_certificate_logo" PRIMARY KEY ("sha256"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "certificate_logo"`);
    await queryRunner.query(`DROP TABLE "certificate_paper"`);
  }
}
