// An institution's yearly training catalogue: its sessions starting that year, grouped by module or programme.
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/problems.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import type { CatalogueDto, CatalogueEntryDto } from './dto/yearly-catalogue.dto.js';
import { ProgrammesRepository } from './programmes.repository.js';
import { toProgrammeDto } from './programmes.service.js';
import { seatsLeft } from './session-rules.js';
import { TrainingSessionsRepository } from './training-sessions.repository.js';

@Injectable()
export class YearlyCatalogueService {
  constructor(
    private readonly institutions: InstitutionsRepository,
    private readonly sessions: TrainingSessionsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly clock: Clock,
  ) {}

  /** Entries come in the order of their first session of the year; `year` defaults to the current (UTC) year. */
  async catalogueOf(institutionId: string, year = this.clock.now().getUTCFullYear()): Promise<CatalogueDto> {
    const institution = await this.institutions.findById(institutionId);
    if (!institution) throw notFound('Institution', institutionId);
    const sessions = await this.sessions.sessionsStartingIn(institutionId, year);
    const enrolled = await this.sessions.enrolledCounts(sessions.map((session) => session.id));
    // A programme's hours and modalities come from its modules, loaded once per programme.
    const programmeIds = [...new Set(sessions.flatMap((session) => session.programmeId ?? []))];
    const programmes = new Map(
      (await this.programmes.findDetails(programmeIds)).map((programme) => [programme.id, toProgrammeDto(programme)]),
    );

    const entries = new Map<string, CatalogueEntryDto>();
    for (const session of sessions) {
      const key = session.moduleId ?? session.programmeId!;
      if (!entries.has(key)) {
        const programme = session.programmeId ? programmes.get(session.programmeId)! : undefined;
        entries.set(
          key,
          programme
            ? {
                kind: 'programme',
                id: programme.id,
                code: programme.code,
                title: programme.title,
                hours: programme.totalHours,
                ectsCredits: programme.totalCredits,
                modalities: [...new Set(programme.modules.map((entry) => entry.modality))],
                sessions: [],
              }
            : {
                kind: 'module',
                id: session.module!.id,
                code: session.module!.code,
                title: session.module!.title,
                hours: session.module!.hours,
                ectsCredits: session.module!.ectsCredits,
                modalities: [session.module!.modality],
                sessions: [],
              },
        );
      }
      const count = enrolled.get(session.id) ?? 0;
      entries.get(key)!.sessions.push({
        id: session.id,
        code: session.code,
        startsOn: session.startsOn,
        endsOn: session.endsOn,
        place: session.place,
        onlineUrl: session.onlineUrl,
        trainers: session.trainers,
        capacity: session.capacity,
        seatsLeft: seatsLeft(session.capacity, count),
      });
    }
    return { institution: { id: institution.id, name: institution.name }, year, entries: [...entries.values()] };
  }
}
