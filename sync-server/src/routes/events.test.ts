import { AckCode } from '@opora/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { Relay } from '../app.ts';
import { SyncRepo } from '../repo/sync-repo.ts';
import { SseReader, bearer, demoRelay, docUpdate, signIn, syncCall } from '../testing/relay.ts';

let relay: Relay;
afterEach(() => relay.close());

const OWN = 'school:zar-sosh-3:questionnaire:risk_diagnostic:2026-entry';
const OTHER = 'school:oz-sosh-5:questionnaire:risk_diagnostic:2026-entry';

async function subscribe(token: string): Promise<SseReader> {
  const res = await relay.app.request('/api/events', { headers: bearer(token) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const r = new SseReader(res);
  await r.until(/: connected\n\n/);
  return r;
}

const changed = /event: changed\ndata: \{"seq":(\d+)\}\n\n/;

describe('GET /api/events', () => {
  it('needs a token', async () => {
    relay = demoRelay();
    expect((await relay.app.request('/api/events')).status).toBe(401);
  });

  it('nudges other devices in scope, never the sender or devices out of scope', async () => {
    relay = demoRelay();
    const teacher = await signIn(relay, 'teacher');
    const director = await signIn(relay, 'director');
    const ozTeacher = await signIn(relay, 'teacher-oz');
    const selfStream = await subscribe(teacher.token);
    const directorStream = await subscribe(director.token);
    const ozStream = await subscribe(ozTeacher.token);
    expect(relay.events.size).toBe(3);

    const first = await syncCall(relay, teacher.token, {
      pushes: [{ docId: OWN, update: docUpdate('questionnaire') }],
    });
    expect(first.acks[0]?.code).toBe(AckCode.ok);
    const seq1 = Number((await directorStream.until(changed))[1]);
    expect(seq1).toBeGreaterThan(0);

    // A later change the other two can read: the first event each sees is this one.
    const ozTeacherPush = await syncCall(relay, ozTeacher.token, {
      pushes: [{ docId: OTHER, update: docUpdate('questionnaire') }],
    });
    expect(ozTeacherPush.acks[0]?.code).toBe(AckCode.ok);
    const region = await signIn(relay, 'region');
    const regionStream = await subscribe(region.token);
    await syncCall(relay, director.token, {
      pushes: [
        { docId: OWN, update: docUpdate('questionnaire', 'y', 'w') },
        {
          docId: OTHER.replace('oz-sosh-5', 'zar-sosh-3').replace('risk', 'env'),
          update: docUpdate('questionnaire'),
        },
      ],
    });
    const selfSeq = Number((await selfStream.until(changed))[1]);
    expect(selfSeq).toBeGreaterThan(seq1);
    expect(Number((await regionStream.until(changed))[1])).toBe(selfSeq);
    // The Ozerny teacher heard of nothing before this region push: not its own, not Zarechny's.
    await syncCall(relay, region.token, {
      pushes: [{ docId: OTHER, update: docUpdate('questionnaire', 'z', 'r') }],
    });
    const ozSeq = Number((await ozStream.until(changed))[1]);
    expect(ozSeq).toBe(new SyncRepo(relay.db).maxSeq());
    expect(ozStream.text.match(/event: changed/g)).toHaveLength(1);

    await Promise.all([selfStream, directorStream, ozStream, regionStream].map((s) => s.cancel()));
    await expect.poll(() => relay.events.size).toBe(0);
  });

  it('pings, and ends the stream of a revoked device and at shutdown', async () => {
    relay = demoRelay({ pingMs: 20 });
    const a = await signIn(relay, 'curator');
    const b = await signIn(relay, 'tutor');
    const sa = await subscribe(a.token);
    const sb = await subscribe(b.token);
    await sa.until(/: ping\n\n/);
    relay.auth.revokeDevice(a.deviceId, 'test');
    await sa.end();
    expect(relay.events.size).toBe(1);
    relay.events.close();
    await sb.end();
    expect(relay.events.size).toBe(0);
  });

  it('ends the stream of a client that stops reading', async () => {
    relay = demoRelay({ pingMs: 2 });
    const a = await signIn(relay, 'teacher');
    const res = await relay.app.request('/api/events', { headers: bearer(a.token) });
    expect(res.status).toBe(200);
    await expect.poll(() => relay.events.size).toBe(1);
    // Nobody reads: the pings pile up until the relay gives the stream up.
    await expect.poll(() => relay.events.size, { timeout: 10_000 }).toBe(0);
  });
});
