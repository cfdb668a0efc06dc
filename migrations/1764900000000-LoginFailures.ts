// Failed logins in the database, so that every server process (WEB_CONCURRENCY) counts the same failures.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginFailures1764900000000 implements MigrationInterface {
  name = 'LoginFailures1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "login_failure" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "key" character(64) NOT NULL,
      "failedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_login_failure" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_login_failure_key" ON "login_failure" ("key", "failedAt")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_failure"`);
  }
}
