// Every entity and migration, listed explicitly (ESM has no reliable globbing at runtime).
import { Foundation1764000000000 } from '../../migrations/1764000000000-Foundation.js';
import { StandardExtras1764100000000 } from '../../migrations/1764100000000-StandardExtras.js';
import { User } from '../auth/user.entity.js';
import { FrameworkItem } from '../frameworks/framework-item.entity.js';
import { Framework } from '../frameworks/framework.entity.js';
import { ItemAssociation } from '../frameworks/item-association.entity.js';
import { ProficiencyLevel, ProficiencyScale } from '../frameworks/proficiency-scale.entity.js';
import { Institution } from '../institutions/institution.entity.js';
import { JobProfile, ProfileRequirement } from '../profiles/job-profile.entity.js';

export const entities = [Institution, User, Framework, ProficiencyScale, ProficiencyLevel, FrameworkItem, ItemAssociation, JobProfile, ProfileRequirement];

export const migrations = [Foundation1764000000000, StandardExtras1764100000000];
