/**
 * Storage of people and their devices: users, memberships (role + scope) and
 * device tokens (stored only as SHA-256).
 */
import type { Membership, Role } from '@opora/shared';
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Statement } from 'better-sqlite3';
import type { OpenDb } from '../db/open.ts';
import { devices, memberships, users } from '../db/schema.ts';

/** A user row. */
export type UserRow = typeof users.$inferSelect;

/** A device row. */
export type DeviceRow = typeof devices.$inferSelect;

/** A device with its user, as the auth middleware needs it. */
export interface DeviceWithUser {
  device: DeviceRow;
  user: UserRow;
}

/** A device with its user's login, for listings. */
export interface DeviceListing extends DeviceRow {
  login: string;
}

function toMembership(r: typeof memberships.$inferSelect): Membership {
  return {
    role: r.role as Role,
    schoolId: r.schoolId,
    municipalityId: r.municipalityId,
    regionId: r.regionId,
  };
}

function scopeWhere(userId: string, m: Membership): SQL | undefined {
  const col = (v: string | null | undefined, c: SQLiteColumn) => (v ? eq(c, v) : isNull(c));
  return and(
    eq(memberships.userId, userId),
    eq(memberships.role, m.role),
    col(m.schoolId, memberships.schoolId),
    col(m.municipalityId, memberships.municipalityId),
    col(m.regionId, memberships.regionId),
  );
}

/** The repository of users, memberships and devices. */
export class UserRepo {
  // The statements every authenticated request runs, prepared once.
  private readonly hot;
  private peopleStmt: Statement<[string, string, string], { id: string; name: string }> | undefined;

  constructor(private readonly odb: OpenDb) {
    const db = odb.db;
    const p = sql.placeholder;
    this.hot = {
      byToken: db
        .select({ device: devices, user: users })
        .from(devices)
        .innerJoin(users, eq(users.id, devices.userId))
        .where(eq(devices.tokenHash, p('tokenHash')))
        .prepare(),
      memberships: db
        .select()
        .from(memberships)
        .where(eq(memberships.userId, p('userId')))
        .orderBy(memberships.id)
        .prepare(),
    };
  }

  /** Adds a user. */
  createUser(u: Omit<UserRow, 'disabled'> & { disabled?: boolean }): void {
    this.odb.db.insert(users).values(u).run();
  }

  /** A user by login. */
  byLogin(login: string): UserRow | undefined {
    return this.odb.db.select().from(users).where(eq(users.login, login)).get();
  }

  /** A user by id. */
  byId(id: string): UserRow | undefined {
    return this.odb.db.select().from(users).where(eq(users.id, id)).get();
  }

  /** Replaces a user's password hash. */
  setPasswordHash(userId: string, passwordHash: string): void {
    this.odb.db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
  }

  /** Disables or enables a user. */
  setDisabled(userId: string, disabled: boolean): void {
    this.odb.db.update(users).set({ disabled }).where(eq(users.id, userId)).run();
  }

  /** The user's memberships, in a stable order. */
  memberships(userId: string): Membership[] {
    return this.hot.memberships.all({ userId }).map(toMembership);
  }

  /** Grants a membership; false when the user already holds it. */
  grant(userId: string, m: Membership): boolean {
    return this.odb.sqlite
      .transaction(() => {
        const where = scopeWhere(userId, m);
        if (this.odb.db.select().from(memberships).where(where).get()) return false;
        this.odb.db
          .insert(memberships)
          .values({
            userId,
            role: m.role,
            schoolId: m.schoolId ?? null,
            municipalityId: m.municipalityId ?? null,
            regionId: m.regionId ?? null,
          })
          .run();
        return true;
      })
      .immediate();
  }

  /** Removes a membership; false when the user did not hold it. */
  revokeGrant(userId: string, m: Membership): boolean {
    return this.odb.db.delete(memberships).where(scopeWhere(userId, m)).run().changes > 0;
  }

  /** Records a new signed-in device. */
  createDevice(d: Pick<DeviceRow, 'id' | 'userId' | 'tokenHash' | 'name' | 'createdAt'>): void {
    this.odb.db
      .insert(devices)
      .values({ ...d, lastSeenAt: d.createdAt })
      .run();
  }

  /** The device holding this token hash, with its user. */
  deviceByTokenHash(tokenHash: string): DeviceWithUser | undefined {
    return this.hot.byToken.get({ tokenHash });
  }

  /** A device by id. */
  device(id: string): DeviceRow | undefined {
    return this.odb.db.select().from(devices).where(eq(devices.id, id)).get();
  }

  /** Sets a device's last-seen time. */
  touchDevice(id: string, at: number): void {
    this.odb.db.update(devices).set({ lastSeenAt: at }).where(eq(devices.id, id)).run();
  }

  /** Revokes a device; false when it does not exist or was already revoked. */
  revokeDevice(id: string, at: number): boolean {
    return (
      this.odb.db
        .update(devices)
        .set({ revokedAt: at })
        .where(and(eq(devices.id, id), isNull(devices.revokedAt)))
        .run().changes > 0
    );
  }

  /** Devices, newest first, optionally of one user. */
  listDevices(userId?: string): DeviceListing[] {
    return this.odb.db
      .select({ device: devices, login: users.login })
      .from(devices)
      .innerJoin(users, eq(users.id, devices.userId))
      .where(userId ? eq(devices.userId, userId) : undefined)
      .orderBy(desc(devices.createdAt))
      .all()
      .map((r) => ({ ...r.device, login: r.login }));
  }

  /** Every active curator's school assignments: one row per curator and school. */
  curatorAssignments(): { userId: string; name: string; schoolId: string }[] {
    return this.odb.db
      .select({ userId: users.id, name: users.name, schoolId: memberships.schoolId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.role, 'curator'), eq(users.disabled, false)))
      .orderBy(users.name, memberships.schoolId)
      .all()
      .flatMap((r) => (r.schoolId === null ? [] : [{ ...r, schoolId: r.schoolId }]));
  }

  /**
   * The id and name of everyone holding a membership at one of these schools,
   * municipalities or regions, disabled users included (they remain the authors
   * of what they wrote). One statement over the memberships table; the id sets
   * go in as JSON arrays so a region's thousands of schools need no long list
   * of parameters.
   */
  peopleIn(scope: {
    schoolIds: Iterable<string>;
    municipalityIds: Iterable<string>;
    regionIds: Iterable<string>;
  }): { id: string; name: string }[] {
    this.peopleStmt ??= this.odb.sqlite.prepare<
      [string, string, string],
      { id: string; name: string }
    >(
      `SELECT DISTINCT u.id AS id, u.name AS name FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.school_id IN (SELECT value FROM json_each(?))
          OR m.municipality_id IN (SELECT value FROM json_each(?))
          OR m.region_id IN (SELECT value FROM json_each(?))
       ORDER BY u.name, u.id`,
    );
    return this.peopleStmt.all(
      JSON.stringify([...scope.schoolIds]),
      JSON.stringify([...scope.municipalityIds]),
      JSON.stringify([...scope.regionIds]),
    );
  }

  /** Every user, by login. */
  listUsers(): UserRow[] {
    return this.odb.db.select().from(users).orderBy(users.login).all();
  }

  /** True when no user exists. */
  isEmpty(): boolean {
    return this.odb.db.select({ id: users.id }).from(users).limit(1).get() === undefined;
  }
}
