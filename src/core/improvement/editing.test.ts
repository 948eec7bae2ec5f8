import { describe, expect, it } from 'vitest';
import { ROLES } from '../access/roles.ts';
import { mayEditProject, readOnlyReason } from './editing.ts';

describe('who may change a project', () => {
  it('lets members of any role edit, and district admins whether or not they are members', () => {
    for (const role of ROLES) expect(mayEditProject(role, true)).toBe(true);
    expect(mayEditProject('district_admin', false)).toBe(true);
  });

  it('leaves everyone else who can see the project reading it', () => {
    for (const role of ROLES.filter((r) => r !== 'district_admin')) expect(mayEditProject(role, false)).toBe(false);
  });

  it('tells a reader whom to ask', () => {
    expect(readOnlyReason(['Ana Ruiz'])).toBe("Only the project's members can change it; ask Ana Ruiz to add you.");
    expect(readOnlyReason(['Ana Ruiz', 'Ben Ode', 'Cy Li'])).toContain('ask Ana Ruiz, Ben Ode or Cy Li to add you');
    expect(readOnlyReason([])).toContain('ask a district admin to add you');
  });
});
