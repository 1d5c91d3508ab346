/**
 * Storage of the organisation: regions, municipalities, schools and
 * partnerships. Every write bumps the directory version in the same
 * transaction, so caches in any process notice it (see meta.ts).
 */
import type { DirectorySnapshot, Municipality, Partnership, Region, School } from '@opora/shared';
import { and, eq } from 'drizzle-orm';
import type { OpenDb } from '../db/open.ts';
import { meta, municipalities, partnerships, regions, schools } from '../db/schema.ts';
import { DIRECTORY_VERSION_KEY, bumpDirectoryVersion, directoryVersion } from './meta.ts';

/** A school to create; flags default to off. */
export type NewSchool = Pick<School, 'id' | 'municipalityId' | 'name'> &
  Partial<Omit<School, 'id' | 'municipalityId' | 'name'>>;

/** Flags of a school that may change by year. */
export type SchoolFlags = Partial<Omit<School, 'id'>>;

/** The directory's repository. */
export class DirectoryRepo {
  // Read on every authenticated request to check the cache.
  private readonly versionStmt;

  constructor(private readonly odb: OpenDb) {
    this.versionStmt = odb.db
      .select({ value: meta.value })
      .from(meta)
      .where(eq(meta.key, DIRECTORY_VERSION_KEY))
      .prepare();
  }

  private write<T>(fn: () => T): T {
    return this.odb.sqlite
      .transaction(() => {
        const out = fn();
        bumpDirectoryVersion(this.odb.db);
        return out;
      })
      .immediate();
  }

  /** The current directory version (changes on every write, from any process). */
  version(): number {
    return Number(this.versionStmt.get()?.value ?? 0);
  }

  /** The whole directory, read in one transaction. */
  loadAll(): DirectorySnapshot & { version: number } {
    const db = this.odb.db;
    return this.odb.sqlite
      .transaction(() => ({
        version: directoryVersion(db),
        regions: db.select().from(regions).orderBy(regions.id).all(),
        municipalities: db.select().from(municipalities).orderBy(municipalities.id).all(),
        schools: db.select().from(schools).orderBy(schools.id).all(),
        partnerships: db.select().from(partnerships).all(),
      }))
      .deferred();
  }

  /** True when the directory holds nothing at all. */
  isEmpty(): boolean {
    return this.odb.db.select({ id: regions.id }).from(regions).limit(1).get() === undefined;
  }

  /** A region by id. */
  region(id: string): Region | undefined {
    return this.odb.db.select().from(regions).where(eq(regions.id, id)).get();
  }

  /** A municipality by id. */
  municipality(id: string): Municipality | undefined {
    return this.odb.db.select().from(municipalities).where(eq(municipalities.id, id)).get();
  }

  /** A school by id. */
  school(id: string): School | undefined {
    return this.odb.db.select().from(schools).where(eq(schools.id, id)).get();
  }

  /** Adds a region. */
  createRegion(r: Region): void {
    this.write(() => this.odb.db.insert(regions).values(r).run());
  }

  /** Adds a municipality. */
  createMunicipality(m: Municipality): void {
    this.write(() => this.odb.db.insert(municipalities).values(m).run());
  }

  /** Adds a school. */
  createSchool(s: NewSchool): void {
    this.write(() => this.odb.db.insert(schools).values(s).run());
  }

  /** Adds many rows in one transaction (the demo seed). */
  createMany(d: {
    regions?: Region[];
    municipalities?: Municipality[];
    schools?: NewSchool[];
    partnerships?: Partnership[];
  }): void {
    const db = this.odb.db;
    this.write(() => {
      for (const r of d.regions ?? []) db.insert(regions).values(r).run();
      for (const m of d.municipalities ?? []) db.insert(municipalities).values(m).run();
      for (const s of d.schools ?? []) db.insert(schools).values(s).run();
      for (const p of d.partnerships ?? []) db.insert(partnerships).values(p).run();
    });
  }

  /** Changes a school's name or flags; false when it does not exist. */
  updateSchool(id: string, flags: SchoolFlags): boolean {
    if (Object.keys(flags).length === 0) return this.school(id) !== undefined;
    return this.write(
      () => this.odb.db.update(schools).set(flags).where(eq(schools.id, id)).run().changes > 0,
    );
  }

  /** Links a leader school with a participant school for a year (idempotent). */
  linkPartnership(p: Partnership): void {
    this.write(() => this.odb.db.insert(partnerships).values(p).onConflictDoNothing().run());
  }

  /** Removes a partnership; false when there was none. */
  unlinkPartnership(p: Partnership): boolean {
    return this.write(
      () =>
        this.odb.db
          .delete(partnerships)
          .where(
            and(
              eq(partnerships.leaderSchoolId, p.leaderSchoolId),
              eq(partnerships.schoolId, p.schoolId),
              eq(partnerships.year, p.year),
            ),
          )
          .run().changes > 0,
    );
  }
}
