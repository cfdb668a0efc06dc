// Loads the demo on first start, through the same services the API uses, so the demo obeys every business rule.
import { Injectable, Logger } from '@nestjs/common';
import { AuthService } from '../auth/auth.service.js';
import type { Actor } from '../auth/roles.js';
import { FrameworkItemsService } from '../frameworks/framework-items.service.js';
import { FrameworksService } from '../frameworks/frameworks.service.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import { JobProfilesService } from '../profiles/job-profiles.service.js';
import { demoFramework, demoInstitutions, demoJobProfiles } from './demo-data.js';
import type { DemoItem } from './demo-data.types.js';
import { DEMO_PASSWORD, demoUsers } from './demo-users.js';
import { DemoTrainingSeeder } from './demo-training.seeder.js';

const SEEDER: Actor = { userId: '00000000-0000-4000-8000-000000000000', role: 'admin', institutionId: null };

@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly institutionsRepository: InstitutionsRepository,
    private readonly institutions: InstitutionsService,
    private readonly auth: AuthService,
    private readonly frameworks: FrameworksService,
    private readonly items: FrameworkItemsService,
    private readonly profiles: JobProfilesService,
    private readonly training: DemoTrainingSeeder,
  ) {}

  async seedOnce(): Promise<void> {
    if (await this.institutionsRepository.findBySlug(demoInstitutions[0].slug)) return;
    this.logger.log('Loading demo data (first start)…');
    await this.seed();
    this.logger.log('Demo data loaded.');
  }

  async seed(): Promise<void> {
    const institutionIds = new Map<string, string>();
    for (const institution of demoInstitutions) {
      institutionIds.set(institution.slug, (await this.institutions.create(institution)).id);
    }
    const users = new Map<string, { id: string; institutionId: string | null }>();
    for (const user of demoUsers) {
      const created = await this.auth.createUser({
        ...user,
        password: DEMO_PASSWORD,
        institutionId: user.institutionSlug ? institutionIds.get(user.institutionSlug) : undefined,
      });
      users.set(created.email, { id: created.id, institutionId: created.institutionId });
    }

    const itemIds = await this.seedFramework(institutionIds.get(demoFramework.ownerSlug)!);

    const profileIds = new Map<string, string>();
    for (const profile of demoJobProfiles) {
      const { ownerSlug, requirements, ...content } = profile;
      const created = await this.profiles.create(
        {
          ...content,
          version: '2026.1',
          ownerInstitutionId: institutionIds.get(ownerSlug),
          requirements: requirements.map((requirement) => ({
            itemId: itemIds.get(requirement.itemCode)!,
            level: requirement.level,
            essential: requirement.essential,
          })),
        },
        SEEDER,
      );
      await this.profiles.publish(created.id, SEEDER);
      profileIds.set(profile.code, created.id);
    }
    await this.training.seed({ admin: SEEDER, institutionIds, itemIds, profileIds, users });
  }

  /** Publishes version 2026.1 and opens a 2027.1 draft, so both lifecycle states are there to see. */
  private async seedFramework(ownerInstitutionId: string): Promise<Map<string, string>> {
    const { title, description, version, scale, items, associations } = demoFramework;
    const framework = await this.frameworks.create({ title, description, version, ownerInstitutionId }, SEEDER);
    await this.frameworks.addScale(framework.id, scale, SEEDER);

    const itemIds = new Map<string, string>();
    const addItems = async (nodes: DemoItem[], parentId: string | null): Promise<void> => {
      for (const { children, ...node } of nodes) {
        const created = await this.items.create(framework.id, { ...node, parentId }, SEEDER);
        itemIds.set(node.code, created.id);
        if (children?.length) await addItems(children, created.id);
      }
    };
    await addItems(items, null);

    for (const { originCode, destinationCode, ...association } of associations) {
      await this.items.addAssociation(
        framework.id,
        {
          ...association,
          originId: itemIds.get(originCode)!,
          destinationItemId: destinationCode ? itemIds.get(destinationCode) : undefined,
        },
        SEEDER,
      );
    }
    await this.frameworks.publish(framework.id, SEEDER);
    await this.frameworks.createNextVersion(framework.id, '2027.1', SEEDER);
    return itemIds;
  }
}
