// Bulk import of results: every row is checked and recorded in one transaction; any refused row rolls the file
// back and the report lists each problem with its line.
import { HttpException, Injectable } from '@nestjs/common';
import { organiserScope } from '../auth/access-scopes.js';
import type { Actor } from '../auth/roles.js';
import { invalid, type FieldError } from '../common/problems.js';
import { importRejected } from '../interop/framework-import.service.js';
import { decodeUtf8 } from '../interop/upload.js';
import { LearningRepository } from './learning.repository.js';
import { RecordsService } from './records.service.js';
import { readResults, type MoodleDefaults } from './results-csv.js';

export interface ImportedResult {
  line: number;
  learnerId: string;
  moduleCode: string;
  enrolmentId: string;
  score: number;
  passed: boolean;
}

@Injectable()
export class ResultsImportService {
  constructor(
    private readonly learning: LearningRepository,
    private readonly records: RecordsService,
  ) {}

  async import(
    file: Buffer,
    defaults: MoodleDefaults,
    actor: Actor,
  ): Promise<{ imported: number; passed: number; rows: ImportedResult[] }> {
    const { rows, errors } = readResults(decodeUtf8(file), defaults);
    if (errors.length) throw importRejected(errors);
    if (!rows.length) throw invalid([{ field: 'file', reason: 'no result rows' }]);
    // Registrars import for their own school's sessions; an administrator for any.
    const organiserId = organiserScope(actor);

    return this.learning.transaction(async (manager) => {
      const problems: FieldError[] = [];
      const imported: ImportedResult[] = [];
      for (const row of rows) {
        const learners = await this.learning.findLearnerByEmailOrStaffNumber(row.learner, manager);
        if (learners.length !== 1) {
          problems.push({
            field: 'learner',
            reason: learners.length ? `${row.learner} matches several learners; use the email` : `no learner ${row.learner}`,
            line: row.line,
          });
          continue;
        }
        // Codes are unique per owning school: when several schools use one, the importer's own module is meant.
        const modules = await this.learning.findModulesByCode(row.moduleCode, manager);
        const module = modules.length === 1 ? modules[0] : modules.find((m) => m.ownerInstitutionId === organiserId);
        if (!module) {
          problems.push({
            field: 'module',
            reason: modules.length ? `several modules are coded ${row.moduleCode}` : `no module ${row.moduleCode}`,
            line: row.line,
          });
          continue;
        }
        const enrolment = await this.learning.findEnrolmentInModule(learners[0].id, module.id, organiserId, manager);
        if (!enrolment || enrolment.status === 'withdrawn' || enrolment.consent !== 'accepted') {
          problems.push({
            field: 'learner',
            reason: `${row.learner} has no accepted enrolment in a session of ${row.moduleCode}${organiserId ? ' organised by your school' : ''}`,
            line: row.line,
          });
          continue;
        }
        try {
          const assessment = await this.records.recordAssessment(
            enrolment,
            enrolment.session!,
            {
              kind: 'final_exam',
              score: row.score,
              maxScore: row.maxScore,
              passMark: row.passMark,
              assessedAt: row.completedAt,
            },
            manager,
          );
          imported.push({
            line: row.line,
            learnerId: learners[0].id,
            moduleCode: module.code,
            enrolmentId: enrolment.id,
            score: row.score,
            passed: assessment.passed,
          });
        } catch (error) {
          if (!(error instanceof HttpException)) throw error;
          const body = error.getResponse() as { errors?: FieldError[]; detail?: string };
          // The file's column for the assessment date is completed_at.
          for (const problem of body.errors ?? [{ field: 'row', reason: body.detail ?? 'refused' }])
            problems.push({ ...problem, field: problem.field === 'assessedAt' ? 'completedAt' : problem.field, line: row.line });
        }
      }
      if (problems.length) throw importRejected(problems);
      return { imported: imported.length, passed: imported.filter((row) => row.passed).length, rows: imported };
    });
  }
}
