/** Storage of the audit trail: who signed in, out, failed, revoked, administered. */
import { desc } from 'drizzle-orm';
import type { OpenDb } from '../db/open.ts';
import { audit } from '../db/schema.ts';

/** What happened. */
export type AuditAction =
  'login' | 'login_failed' | 'logout' | 'device_revoked' | `admin:${string}`;

/** One audit entry to record. */
export interface AuditEntry {
  action: AuditAction;
  userId?: string | null;
  deviceId?: string | null;
  /** Details as a JSON-serialisable object. */
  detail?: Record<string, unknown>;
}

/** An audit entry as stored. */
export type AuditRow = typeof audit.$inferSelect;

/** The audit trail's repository. */
export class AuditRepo {
  constructor(
    private readonly odb: OpenDb,
    private readonly now: () => number = Date.now,
  ) {}

  /** Appends an entry. */
  record(e: AuditEntry): void {
    this.odb.db
      .insert(audit)
      .values({
        at: this.now(),
        action: e.action,
        userId: e.userId ?? null,
        deviceId: e.deviceId ?? null,
        detail: e.detail ? JSON.stringify(e.detail) : null,
      })
      .run();
  }

  /** The latest entries, newest first. */
  recent(limit = 100): AuditRow[] {
    return this.odb.db.select().from(audit).orderBy(desc(audit.id)).limit(limit).all();
  }
}
