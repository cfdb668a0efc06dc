// Enrolment needs both sides' consent (the employer's HR or the learner, and the organising school): only accepted
// enrolments open a learner's record to the school. Evidence a registrar records names the session it comes from.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EnrolmentConsent1765600000000 implements MigrationInterface {
  name = 'EnrolmentConsent1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Enrolments made before consent existed were made by the organising school under the rules of their day: kept.
    await queryRunner.query(`ALTER TABLE "enrolment" ADD "consent" text NOT NULL DEFAULT 'accepted'`);
    // A row written without saying otherwise gives no access until the other side accepts.
    await queryRunner.query(`ALTER TABLE "enrolment" ALTER COLUMN "consent" SET DEFAULT 'offered'`);
    await queryRunner.query(
      `ALTER TABLE "enrolment" ADD CONSTRAINT "ck_enrolment_consent" CHECK ("consent" IN ('requested', 'offered', 'accepted'))`,
    );
    await queryRunner.query(`ALTER TABLE "enrolment" ADD "acceptedAt" timestamptz`);
    await queryRunner.query(`ALTER TABLE "enrolment" ADD "acceptedById" uuid`);
    await queryRunner.query(
      `ALTER TABLE "enrolment" ADD CONSTRAINT "FK_442c2fcd5799e9e9f325e305f47" FOREIGN KEY ("acceptedById") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "evidence" ADD "sessionId" uuid`);
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "FK_559bfb11a63869f642cdcd6838f" FOREIGN KEY ("sessionId") REFERENCES "training_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "FK_559bfb11a63869f642cdcd6838f"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP COLUMN "sessionId"`);
    await queryRunner.query(`ALTER TABLE "enrolment" DROP CONSTRAINT "FK_442c2fcd5799e9e9f325e305f47"`);
    await queryRunner.query(`ALTER TABLE "enrolment" DROP COLUMN "acceptedById"`);
    await queryRunner.query(`ALTER TABLE "enrolment" DROP COLUMN "acceptedAt"`);
    await queryRunner.query(`ALTER TABLE "enrolment" DROP CONSTRAINT "ck_enrolment_consent"`);
    await queryRunner.query(`ALTER TABLE "enrolment" DROP COLUMN "consent"`);
  }
}
