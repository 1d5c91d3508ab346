/** The session and the directory on the device. */
import { kvGet, kvPut, type OporaDb, type Session } from '$lib/db/database';
import type { LoginAnswer, MeAnswer } from './api';

/** Stores a fresh sign-in. */
export async function saveLogin(db: OporaDb, answer: LoginAnswer): Promise<Session> {
  const session: Session = {
    token: answer.token,
    deviceId: answer.deviceId,
    user: answer.user,
    memberships: answer.memberships,
    revoked: false,
  };
  await kvPut(db, 'session', session);
  return session;
}

/** Stores what /api/me said: memberships and the directory. */
export async function saveMe(db: OporaDb, me: MeAnswer): Promise<void> {
  await db.transaction('rw', db.kv, async () => {
    const session = await kvGet(db, 'session');
    if (session)
      await kvPut(db, 'session', { ...session, user: me.user, memberships: me.memberships });
    await kvPut(db, 'directory', me.directory);
  });
}

/** Marks the stored token as revoked by the relay; the data stays for export. */
export async function markRevoked(db: OporaDb): Promise<void> {
  await db.transaction('rw', db.kv, async () => {
    const session = await kvGet(db, 'session');
    if (session && !session.revoked) await kvPut(db, 'session', { ...session, revoked: true });
  });
}

/** Deletes everything this device holds for the user. */
export async function wipe(db: OporaDb): Promise<void> {
  await db.delete();
  await db.open();
}
