// Login throttling reserves each attempt in a counter row per key (one upsert, before the password is checked), instead
// of recording failures after the check: parallel attempts could all pass the check before any failure was recorded.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginAttempts1765300000000 implements MigrationInterface {
  name = 'LoginAttempts1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The failures kept so far only served a 15-minute window: nothing to carry over.
    await queryRunner.query(`DROP TABLE "login_failure"`);
    await queryRunner.query(`CREATE TABLE "login_attempt_count" (
      "key" character(64) NOT NULL,
      "attempts" integer NOT NULL,
      "windowStart" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_login_attempt_count" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE INDEX "ix_login_attempt_count_window" ON "login_attempt_count" ("windowStart")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_attempt_count"`);
    await queryRunner.query(`CREATE TABLE "login_failure" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "key" character(64) NOT NULL,
      "failedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_login_failure" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_login_failure_key" ON "login_failure" ("key", "failedAt")`);
  }
}
