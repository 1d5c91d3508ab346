/**
 * Who may read and write which document, decided from the document id and the
 * user's memberships alone (DESIGN.md, "Roles and access"). Written once here:
 * the relay enforces it, the app uses it to hide what the relay would refuse.
 *
 * | role                  | reads                                   | writes                                           |
 * |-----------------------|-----------------------------------------|--------------------------------------------------|
 * | teacher               | own school; its partnerships' plans     | questionnaires, roadmap (measure reports), plans |
 * | school_coordinator    | own school; its partnerships' plans     | everything of own school; its partnerships' plans|
 * | leader_tutor          | own school; its partnerships' plans     | tutor-support plans of its partnerships          |
 * | curator               | assigned schools; their plans           | questionnaires, roadmaps, visits, their plans    |
 * | municipal_coordinator | everything in the municipality          | its calendar; visits (interviews, seed 004)      |
 * | regional_coordinator  | everything in the region                | everything in the region                         |
 *
 * The region's monitoring waves (`region:<id>:waves`) are read by everyone in
 * the region (schools see the open wave and its deadline) and written by its
 * regional coordinators only.
 * A partnership's plan is read by the staff of both schools, the participant
 * school's curator and the coordinators over either school; nobody else sees it.
 */
import type { DirectorySnapshot, Partnership } from '../domain/directory.ts';
import type { Membership } from '../domain/roles.ts';
import { formatDocId, parseDocId, type DocKind, type DocRef } from '../documents/ids.ts';

/** Why access was refused. */
export type AccessRefusal = 'bad_document_id' | 'unknown_document' | 'forbidden';

/** The outcome of an access decision. */
export type AccessDecision = { ok: true; ref: DocRef } | { ok: false; reason: AccessRefusal };

/** Where a school sits in the organisation; undefined for an unknown school. */
export interface SchoolLocation {
  municipalityId: string;
  regionId: string;
}

/** The organisation facts access needs, answered by the relay's directory or the device's copy. */
export interface AccessDirectory {
  locateSchool(schoolId: string): SchoolLocation | undefined;
  municipalityRegion(municipalityId: string): string | undefined;
  hasPartnership(leaderSchoolId: string, schoolId: string): boolean;
}

/** An AccessDirectory over a directory snapshot (the device's copy, or a test fixture). */
export function directoryFromSnapshot(dir: DirectorySnapshot): AccessDirectory {
  const munis = new Map(dir.municipalities.map((m) => [m.id, m.regionId]));
  const schools = new Map<string, SchoolLocation>();
  for (const s of dir.schools) {
    const regionId = munis.get(s.municipalityId);
    if (regionId !== undefined) schools.set(s.id, { municipalityId: s.municipalityId, regionId });
  }
  // Partner schools are located only to decide on the partnership's plan: no membership reaches them.
  for (const s of dir.partnerSchools ?? [])
    if (!schools.has(s.id))
      schools.set(s.id, { municipalityId: s.municipalityId, regionId: s.regionId });
  const pairs = new Set(
    dir.partnerships.map((p: Partnership) => `${p.leaderSchoolId}>${p.schoolId}`),
  );
  return {
    locateSchool: (id) => schools.get(id),
    municipalityRegion: (id) => munis.get(id),
    hasPartnership: (l, s) => pairs.has(`${l}>${s}`),
  };
}

const SCHOOL_WRITES: Record<string, readonly DocKind[]> = {
  teacher: ['questionnaire', 'roadmap'],
  // Exam results are entered by the school itself; coordinators read them, the region imports.
  school_coordinator: ['questionnaire', 'roadmap', 'visit', 'exams'],
  leader_tutor: [],
  curator: ['questionnaire', 'roadmap', 'visit'],
};

/** A user's memberships, indexed for fast decisions. */
export class AccessScope {
  private readonly bySchool = new Map<string, Set<string>>();
  private readonly municipalities = new Set<string>();
  private readonly regions = new Set<string>();

  constructor(
    memberships: readonly Membership[],
    private readonly dir: AccessDirectory,
  ) {
    for (const m of memberships) {
      if (m.role === 'regional_coordinator' && m.regionId) this.regions.add(m.regionId);
      else if (m.role === 'municipal_coordinator' && m.municipalityId)
        this.municipalities.add(m.municipalityId);
      else if (m.schoolId) {
        const roles = this.bySchool.get(m.schoolId) ?? new Set<string>();
        roles.add(m.role);
        this.bySchool.set(m.schoolId, roles);
      }
    }
  }

  /** True when the user sees every document of the region. */
  coversRegion(regionId: string): boolean {
    return this.regions.has(regionId);
  }

  /**
   * The schools, municipalities and region-level documents this scope reads,
   * when that is a short list (school roles and curators: their schools, the
   * partnership plans touching them, their municipalities' calendars, their
   * regions' monitoring waves); null for
   * coordinators, who read whole municipalities or regions. Lets the relay look
   * a small scope's changes up by school instead of walking the whole log.
   * Every document of the reach still goes through canRead.
   */
  reach(): { schools: string[]; municipalities: string[]; docs: string[] } | null {
    if (this.regions.size > 0 || this.municipalities.size > 0) return null;
    const schools = [...this.bySchool.keys()];
    const municipalities = new Set<string>();
    const regions = new Set<string>();
    for (const id of schools) {
      const loc = this.dir.locateSchool(id);
      if (loc === undefined) continue;
      municipalities.add(loc.municipalityId);
      regions.add(loc.regionId);
    }
    // Region-level documents a school reads, named outright: the regions' monitoring waves.
    const docs = [...regions].map((regionId) => formatDocId({ kind: 'waves', regionId }));
    return { schools, municipalities: [...municipalities], docs };
  }

  /** True when the user may read the document with this id. */
  canRead(docId: string): boolean {
    return this.decide(docId, 'read').ok;
  }

  /** True when the user may write the document with this id. */
  canWrite(docId: string): boolean {
    return this.decide(docId, 'write').ok;
  }

  /** Decides one operation on one document, with the reason for a refusal. */
  decide(docId: string, op: 'read' | 'write'): AccessDecision {
    const ref = parseDocId(docId);
    if (!ref) return { ok: false, reason: 'bad_document_id' };
    const allowed = this.allowed(ref, op);
    if (allowed === undefined) return { ok: false, reason: 'unknown_document' };
    return allowed ? { ok: true, ref } : { ok: false, reason: 'forbidden' };
  }

  /** undefined when the document's school, municipality or partnership does not exist. */
  private allowed(ref: DocRef, op: 'read' | 'write'): boolean | undefined {
    switch (ref.kind) {
      case 'questionnaire':
      case 'roadmap':
      case 'visit':
      case 'exams': {
        const loc = this.dir.locateSchool(ref.schoolId);
        if (!loc) return undefined;
        if (this.regions.has(loc.regionId)) return true;
        // Municipal coordinators interview directors (собеседования, seed 004): a kind of visit.
        if (this.municipalities.has(loc.municipalityId))
          return op === 'read' || ref.kind === 'visit';
        const roles = this.bySchool.get(ref.schoolId);
        if (!roles) return false;
        if (op === 'read') return true;
        return [...roles].some((r) => SCHOOL_WRITES[r]?.includes(ref.kind) ?? false);
      }
      case 'tutoring': {
        const leader = this.dir.locateSchool(ref.leaderSchoolId);
        const school = this.dir.locateSchool(ref.schoolId);
        if (!leader || !school || !this.dir.hasPartnership(ref.leaderSchoolId, ref.schoolId))
          return undefined;
        if (this.regions.has(leader.regionId) || this.regions.has(school.regionId)) return true;
        const staff = (id: string, roles: readonly string[]) =>
          roles.some((r) => this.bySchool.get(id)?.has(r) ?? false);
        const STAFF = ['teacher', 'school_coordinator', 'leader_tutor'];
        if (staff(ref.leaderSchoolId, STAFF) || staff(ref.schoolId, STAFF)) return true;
        if (staff(ref.schoolId, ['curator'])) return true;
        if (
          this.municipalities.has(leader.municipalityId) ||
          this.municipalities.has(school.municipalityId)
        )
          return op === 'read';
        return false;
      }
      case 'calendar': {
        const regionId = this.dir.municipalityRegion(ref.municipalityId);
        if (regionId === undefined) return undefined;
        if (this.regions.has(regionId) || this.municipalities.has(ref.municipalityId)) return true;
        // Schools and curators see their municipality's calendar (seed 004: "schools see theirs").
        if (op === 'write') return false;
        for (const id of this.bySchool.keys())
          if (this.dir.locateSchool(id)?.municipalityId === ref.municipalityId) return true;
        return false;
      }
      case 'waves': {
        if (this.regions.has(ref.regionId)) return true;
        if (op === 'write') return false;
        for (const m of this.municipalities)
          if (this.dir.municipalityRegion(m) === ref.regionId) return true;
        for (const id of this.bySchool.keys())
          if (this.dir.locateSchool(id)?.regionId === ref.regionId) return true;
        return false;
      }
      case 'plan': {
        if (this.regions.has(ref.regionId)) return true;
        if (op === 'write') return false;
        for (const m of this.municipalities)
          if (this.dir.municipalityRegion(m) === ref.regionId) return true;
        return false;
      }
    }
  }
}
