/**
 * Transaction origins. A change made on this device is applied with LOCAL and
 * only such changes enter the outbox; changes from the relay, another tab or an
 * imported file carry other origins and never do, so nothing echoes back.
 */

/** Origin of a change a person made on this device. */
export const LOCAL_ORIGIN = Symbol('opora-local');
