/**
 * The relay's tables: the single source of the schema. Migrations under
 * `sync-server/drizzle/` are generated from this file with `npm run db:generate`
 * and applied at start.
 */
import { sql } from 'drizzle-orm';
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/** Key/value facts about this database, such as its epoch (see docs/sync-protocol.md). */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const regions = sqliteTable('regions', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
});

export const municipalities = sqliteTable(
  'municipalities',
  {
    id: text('id').primaryKey(),
    regionId: text('region_id')
      .notNull()
      .references(() => regions.id),
    name: text('name').notNull(),
  },
  (t) => [index('municipalities_region').on(t.regionId)],
);

export const schools = sqliteTable(
  'schools',
  {
    id: text('id').primaryKey(),
    municipalityId: text('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    name: text('name').notNull(),
    /** ШНОР */
    lowResults: integer('low_results', { mode: 'boolean' }).notNull().default(false),
    /** ШНСУ */
    unfavourableConditions: integer('unfavourable_conditions', { mode: 'boolean' })
      .notNull()
      .default(false),
    /** Школа-лидер */
    leader: integer('leader', { mode: 'boolean' }).notNull().default(false),
    cohortYear: integer('cohort_year'),
    /** Support tracks as a JSON array of 1..3. */
    tracks: text('tracks', { mode: 'json' })
      .$type<(1 | 2 | 3)[]>()
      .notNull()
      .default(sql`'[]'`),
    cluster: text('cluster'),
    rural: integer('rural', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('schools_municipality').on(t.municipalityId)],
);

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  login: text('login').notNull().unique(),
  name: text('name').notNull(),
  /** scrypt$N$r$p$salt$hash, base64 parts. */
  passwordHash: text('password_hash').notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

export const memberships = sqliteTable(
  'memberships',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    schoolId: text('school_id').references(() => schools.id),
    municipalityId: text('municipality_id').references(() => municipalities.id),
    regionId: text('region_id').references(() => regions.id),
  },
  (t) => [index('memberships_user').on(t.userId)],
);

export const partnerships = sqliteTable(
  'partnerships',
  {
    leaderSchoolId: text('leader_school_id')
      .notNull()
      .references(() => schools.id),
    schoolId: text('school_id')
      .notNull()
      .references(() => schools.id),
    year: integer('year').notNull(),
  },
  (t) => [primaryKey({ columns: [t.leaderSchoolId, t.schoolId, t.year] })],
);

/** A signed-in device: the token is random and stored only as its SHA-256. */
export const devices = sqliteTable(
  'devices',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    name: text('name').notNull(),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('devices_token').on(t.tokenHash), index('devices_user').on(t.userId)],
);

/** One row per document the relay has accepted an update for. */
export const documents = sqliteTable(
  'documents',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    /** The school the document belongs to (the participant school of a partnership's plan). */
    schoolId: text('school_id'),
    /** The leader school of a partnership's plan. */
    leaderSchoolId: text('leader_school_id'),
    /** The municipality of a municipality-level document (the calendar). */
    municipalityId: text('municipality_id'),
    /** Highest log sequence of this document. */
    lastSeq: integer('last_seq').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('documents_last_seq').on(t.lastSeq),
    // A small scope's changes are looked up by school rather than by walking the log.
    index('documents_school').on(t.schoolId, t.lastSeq),
    index('documents_leader_school').on(t.leaderSchoolId, t.lastSeq),
    index('documents_municipality').on(t.municipalityId, t.lastSeq),
  ],
);

/**
 * The update log. `seq` is the global sequence the cursor points into
 * (AUTOINCREMENT: never reused, so `sqlite_sequence` holds the log's end even
 * after rows leave). Compaction folds a document's rows into its snapshot and
 * moves them to `update_history` without their bytes, so this table holds only
 * rows the pull may still send.
 */
export const updates = sqliteTable(
  'updates',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    docId: text('doc_id').notNull(),
    data: blob('data', { mode: 'buffer' }),
    size: integer('size').notNull(),
    userId: text('user_id').notNull(),
    deviceId: text('device_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('updates_doc_seq').on(t.docId, t.seq),
    // The pull walks the log by seq and reads these columns from the index alone.
    index('updates_seq_device_doc').on(t.seq, t.deviceId, t.docId),
  ],
);

/** Who sent every accepted update, from which device, and when: kept after compaction. */
export const updateHistory = sqliteTable(
  'update_history',
  {
    seq: integer('seq').primaryKey(),
    docId: text('doc_id').notNull(),
    size: integer('size').notNull(),
    userId: text('user_id').notNull(),
    deviceId: text('device_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('update_history_doc').on(t.docId)],
);

/** A document's log folded up to `uptoSeq` (inclusive). */
export const snapshots = sqliteTable(
  'snapshots',
  {
    docId: text('doc_id').primaryKey(),
    data: blob('data', { mode: 'buffer' }).notNull(),
    uptoSeq: integer('upto_seq').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('snapshots_upto_seq').on(t.uptoSeq)],
);

export const audit = sqliteTable(
  'audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    userId: text('user_id'),
    deviceId: text('device_id'),
    action: text('action').notNull(),
    detail: text('detail'),
  },
  (t) => [index('audit_at').on(t.at)],
);
