/**
 * The organisation as the relay uses it: a whole-directory index in memory
 * (a region is at most tens of thousands of schools), answering access
 * questions and building each user's visible slice. The index is rebuilt when
 * the directory version in `meta` moves, so writes from this process or from
 * the admin CLI are seen at the next request.
 */
import {
  AccessScope,
  type AccessDirectory,
  type DirectorySnapshot,
  type Membership,
  type Municipality,
  type Partnership,
  type PartnerSchool,
  type Region,
  type School,
  type SchoolLocation,
} from '@opora/shared';
import type { DirectoryAccess } from '../context.ts';
import type { DirectoryRepo } from '../repo/directory-repo.ts';

/** An immutable index over one version of the directory. */
class DirectoryIndex implements AccessDirectory {
  readonly regions: Map<string, Region>;
  readonly municipalities: Map<string, Municipality>;
  readonly schools: Map<string, School>;
  readonly partnerships: Partnership[];
  private readonly located = new Map<string, SchoolLocation>();
  private readonly pairs = new Set<string>();
  private readonly bySchool = new Map<string, Partnership[]>();

  constructor(
    readonly version: number,
    d: DirectorySnapshot,
  ) {
    this.regions = new Map(d.regions.map((r) => [r.id, r]));
    this.municipalities = new Map(d.municipalities.map((m) => [m.id, m]));
    this.schools = new Map(d.schools.map((s) => [s.id, s]));
    this.partnerships = d.partnerships;
    for (const s of d.schools) {
      const regionId = this.municipalities.get(s.municipalityId)?.regionId;
      if (regionId) this.located.set(s.id, { municipalityId: s.municipalityId, regionId });
    }
    for (const p of d.partnerships) {
      this.pairs.add(`${p.leaderSchoolId}>${p.schoolId}`);
      for (const id of [p.leaderSchoolId, p.schoolId]) {
        const list = this.bySchool.get(id) ?? [];
        list.push(p);
        this.bySchool.set(id, list);
      }
    }
  }

  locateSchool(schoolId: string): SchoolLocation | undefined {
    return this.located.get(schoolId);
  }

  municipalityRegion(municipalityId: string): string | undefined {
    return this.municipalities.get(municipalityId)?.regionId;
  }

  hasPartnership(leaderSchoolId: string, schoolId: string): boolean {
    return this.pairs.has(`${leaderSchoolId}>${schoolId}`);
  }

  partnershipsOf(schoolId: string): readonly Partnership[] {
    return this.bySchool.get(schoolId) ?? [];
  }
}

/** The relay's directory: cached reads, access facts and per-user slices. */
export class DirectoryService implements DirectoryAccess {
  private index: DirectoryIndex | null = null;
  private readonly fingerprints = new Map<string, string>();

  constructor(private readonly repo: DirectoryRepo) {}

  /** The current index, reloaded when the directory version moved. */
  private current(): DirectoryIndex {
    const version = this.repo.version();
    if (this.index?.version !== version) {
      const all = this.repo.loadAll();
      this.index = new DirectoryIndex(all.version, all);
    }
    return this.index;
  }

  /** Drops the cache; the next read reloads (writes through the repo also bump the version). */
  invalidate(): void {
    this.index = null;
  }

  /** Access facts of the current directory. */
  access(): AccessDirectory {
    return this.current();
  }

  /** An access scope for these memberships over the current directory. */
  scope(memberships: readonly Membership[]): AccessScope {
    return new AccessScope(memberships, this.current());
  }

  /**
   * What in the directory decides which existing documents these memberships
   * reach beyond the memberships themselves: the schools of a municipal
   * coordinator's municipalities (a school can move between municipalities) and
   * the partnerships touching the user's schools (a partnership can be linked to
   * schools that already have plans). It goes into the cursor's scope key, so a
   * change of it restarts the device's pull and no document's history is missed.
   * A regional coordinator's reach is the region itself: nothing to add.
   */
  scopeFingerprint(memberships: readonly Membership[]): string {
    const idx = this.current();
    const key = `${idx.version}|${memberships
      .map((m) => `${m.role}/${m.schoolId ?? ''}/${m.municipalityId ?? ''}/${m.regionId ?? ''}`)
      .sort()
      .join(',')}`;
    const cached = this.fingerprints.get(key);
    if (cached !== undefined) return cached;
    const munis = new Set<string>();
    const own = new Set<string>();
    for (const m of memberships) {
      if (m.role === 'municipal_coordinator' && m.municipalityId) munis.add(m.municipalityId);
      else if (m.schoolId) own.add(m.schoolId);
    }
    for (const s of idx.schools.values()) if (munis.has(s.municipalityId)) own.add(s.id);
    const parts: string[] = [...own].sort();
    for (const id of [...own].sort())
      for (const p of idx.partnershipsOf(id)) parts.push(`${p.leaderSchoolId}>${p.schoolId}`);
    const fingerprint = parts.join(',');
    if (this.fingerprints.size > 10_000) this.fingerprints.clear();
    this.fingerprints.set(key, fingerprint);
    return fingerprint;
  }

  /**
   * The schools whose documents these memberships read: their own schools, and
   * every school of a coordinated municipality or region.
   */
  private schoolsInScope(memberships: readonly Membership[]): {
    own: Set<string>;
    coordinated: Set<string>;
    munis: Set<string>;
    regions: Set<string>;
  } {
    const idx = this.current();
    const own = new Set<string>();
    const coordinated = new Set<string>();
    const munis = new Set<string>();
    const regions = new Set<string>();
    for (const m of memberships) {
      if (m.role === 'regional_coordinator' && m.regionId && idx.regions.has(m.regionId)) {
        regions.add(m.regionId);
        for (const mu of idx.municipalities.values())
          if (mu.regionId === m.regionId) munis.add(mu.id);
      } else if (m.role === 'municipal_coordinator' && m.municipalityId) {
        if (idx.municipalities.has(m.municipalityId)) munis.add(m.municipalityId);
      } else if (m.schoolId && idx.schools.has(m.schoolId)) {
        own.add(m.schoolId);
      }
    }
    for (const s of idx.schools.values())
      if (munis.has(s.municipalityId)) {
        own.add(s.id);
        coordinated.add(s.id);
      }
    return { own, coordinated, munis, regions };
  }

  /** The schools of the municipalities and regions these memberships coordinate. */
  coordinatedSchools(memberships: readonly Membership[]): ReadonlySet<string> {
    return this.schoolsInScope(memberships).coordinated;
  }

  /**
   * The part of the directory a user may see: the schools of their scope, the
   * partnerships touching them, and the municipality and region rows these
   * need. A school outside the scope that a partnership names (a leader school
   * of another municipality) is only a `partnerSchools` entry: its name and
   * place, so the partnership's plan can be named and its access decided, but
   * it is no school of the user's lists, filters or dashboards.
   */
  snapshotFor(memberships: readonly Membership[]): DirectorySnapshot {
    const idx = this.current();
    const { own, munis, regions } = this.schoolsInScope(memberships);
    const partnerships: Partnership[] = [];
    const partnerIds = new Set<string>();
    const seen = new Set<Partnership>();
    for (const id of own)
      for (const p of idx.partnershipsOf(id)) {
        if (seen.has(p)) continue;
        seen.add(p);
        partnerships.push(p);
        for (const other of [p.leaderSchoolId, p.schoolId])
          if (!own.has(other)) partnerIds.add(other);
      }
    const schools: School[] = [];
    for (const id of own) {
      const s = idx.schools.get(id);
      if (!s) continue;
      schools.push(s);
      munis.add(s.municipalityId);
    }
    const partnerSchools: PartnerSchool[] = [];
    for (const id of partnerIds) {
      const s = idx.schools.get(id);
      const loc = idx.locateSchool(id);
      if (s && loc) partnerSchools.push({ id, name: s.name, ...loc });
    }
    const municipalities: Municipality[] = [];
    for (const id of munis) {
      const m = idx.municipalities.get(id);
      if (!m) continue;
      municipalities.push(m);
      regions.add(m.regionId);
    }
    const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return {
      regions: [...regions].flatMap((id) => idx.regions.get(id) ?? []).sort(byId),
      municipalities: municipalities.sort(byId),
      schools: schools.sort(byId),
      partnerSchools: partnerSchools.sort(byId),
      partnerships: partnerships.sort(
        (a, b) =>
          a.leaderSchoolId.localeCompare(b.leaderSchoolId) ||
          a.schoolId.localeCompare(b.schoolId) ||
          a.year - b.year,
      ),
    };
  }
}
