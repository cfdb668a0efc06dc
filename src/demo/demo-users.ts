// Demo accounts, one per role; README lists them. The administrator comes from ADMIN_EMAIL / ADMIN_PASSWORD.
import type { Role } from '../auth/roles.js';

export const DEMO_PASSWORD = 'demo-password-2026';

export interface DemoUser {
  email: string;
  displayName: string;
  role: Role;
  institutionSlug?: string;
}

export const demoUsers: DemoUser[] = [
  { email: 'rh@ensm.demo.example', displayName: 'Karima Haddad', role: 'hr_manager', institutionSlug: 'ensm-alger' },
  { email: 'rh@ehesp.demo.example', displayName: 'Claire Le Gall', role: 'hr_manager', institutionSlug: 'ehesp-rennes' },
  { email: 'scolarite@ensm.demo.example', displayName: 'Yacine Boudiaf', role: 'registrar', institutionSlug: 'ensm-alger' },
  { email: 'scolarite@ehesp.demo.example', displayName: 'Hélène Morvan', role: 'registrar', institutionSlug: 'ehesp-rennes' },
  { email: 'apprenant@demo.example', displayName: 'Nadia Benkhelifa', role: 'learner' },
];
