import { describe, expect, it } from 'vitest';
import { ProtocolError } from '@opora/shared';
import { ApiError, NetworkError } from '$lib/auth/api';
import { classifyError } from './sync-engine';

describe('classifyError', () => {
  it('stops on a revoked token and retries everything else', () => {
    expect(classifyError(new ApiError(401, 'unauthorized', 'revoked'))).toEqual({
      kind: 'unauthorized',
      outcome: 'stop',
    });
    expect(classifyError(new ApiError(429, 'rate_limited', 'slow down')).kind).toBe('rate_limited');
    expect(classifyError(new ApiError(500, 'internal', 'boom'))).toEqual({
      kind: 'server',
      outcome: 'retry',
    });
    expect(classifyError(new NetworkError('Failed to fetch'))).toEqual({
      kind: 'offline',
      outcome: 'retry',
    });
    expect(classifyError(new DOMException('timeout', 'TimeoutError')).kind).toBe('offline');
    expect(classifyError(new ProtocolError('trailing bytes')).kind).toBe('protocol');
  });
});
