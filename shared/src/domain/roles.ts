/** The roles of the programme (DESIGN.md, "Roles and access"). */
export const ROLES = [
  'teacher',
  'school_coordinator',
  'curator',
  'leader_tutor',
  'municipal_coordinator',
  'regional_coordinator',
] as const;

/** One of the programme's roles. */
export type Role = (typeof ROLES)[number];

/** True when the value is a known role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * A role held over a scope. Exactly one of the ids is set, matching the role:
 * school roles and curators name a school (a curator has one membership per
 * assigned school), a municipal coordinator a municipality, a regional one a region.
 */
export interface Membership {
  role: Role;
  schoolId?: string | null;
  municipalityId?: string | null;
  regionId?: string | null;
}

/** Which scope column a role's membership uses. */
export function scopeKindOf(role: Role): 'school' | 'municipality' | 'region' {
  switch (role) {
    case 'municipal_coordinator':
      return 'municipality';
    case 'regional_coordinator':
      return 'region';
    default:
      return 'school';
  }
}
