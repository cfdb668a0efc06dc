// Gap analysis for one learner (with the modules that close the gaps) and for a whole staff.
import { Injectable } from '@nestjs/common';
import { Permission, requireOnInstitutions } from '../auth/access-policy.js';
import type { Actor } from '../auth/roles.js';
import { invalid, notFound } from '../common/problems.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import { JobProfilesRepository } from '../profiles/job-profiles.repository.js';
import type { GapReportDto } from './dto/learner.dto.js';
import { analyseGaps, recommendModules } from './gap-analysis.js';
import { GapsRepository } from './gaps.repository.js';
import { LearnersService } from './learners.service.js';
import { LearningRepository } from './learning.repository.js';
import { buildTeamReport, type TeamGapReport } from './team-gaps.js';

@Injectable()
export class GapsService {
  constructor(
    private readonly gaps: GapsRepository,
    private readonly learning: LearningRepository,
    private readonly learners: LearnersService,
    private readonly profiles: JobProfilesRepository,
    private readonly institutions: InstitutionsRepository,
  ) {}

  async forLearner(learnerId: string, profileId: string | undefined, actor: Actor): Promise<GapReportDto> {
    const learner = await this.learners.readable(learnerId, actor);
    const targetId = profileId ?? learner.targetProfileId ?? learner.currentProfileId;
    if (!targetId) throw invalid([{ field: 'profileId', reason: 'the learner has no current or target job profile; name one' }]);
    const profile = await this.profiles.findVersion(targetId);
    if (!profile || profile.status === 'draft') throw notFound('Published job profile', targetId);

    const [requirements, levels] = await Promise.all([this.gaps.requirements(targetId), this.learning.currentLevels(learnerId)]);
    const lines = analyseGaps(requirements, levels);
    const open = lines.filter((line) => line.gap > 0);
    const recommendation = recommendModules(lines, await this.gaps.offers(open.map((line) => line.itemIdentifier)));
    return {
      learnerId,
      profileId: targetId,
      lines,
      gapCount: open.length,
      essentialGapCount: open.filter((line) => line.essential).length,
      recommendation,
    };
  }

  async forTeam(
    institutionId: string,
    profileId: string | undefined,
    basis: 'current' | 'target',
    actor: Actor,
  ): Promise<TeamGapReport & { institutionName: string }> {
    requireOnInstitutions(actor, Permission.TeamGapsRead, [institutionId]);
    const institution = await this.institutions.findById(institutionId);
    if (!institution) throw notFound('Institution', institutionId);
    const profile = profileId ?? null;
    const [staff, items, gaps, modules] = await Promise.all([
      this.gaps.staff(institutionId, profile, basis),
      this.gaps.teamItems(institutionId, profile, basis),
      this.gaps.staffGaps(institutionId, profile, basis),
      this.gaps.moduleNeeds(institutionId, profile, basis),
    ]);
    return {
      institutionName: institution.name.fr ?? institution.name.en ?? institution.slug,
      ...buildTeamReport(staff, items, gaps, modules),
    };
  }
}
