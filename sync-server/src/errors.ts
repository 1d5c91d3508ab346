/**
 * Typed errors of the relay and the one place that turns them into answers.
 * Services throw these; `handleError` (installed with `app.onError`) maps each
 * to its HTTP status and the shared error body `{error:{code,message}}`. The
 * message is Russian because a person may read it; the code is for programs.
 * A bad client payload is always a 4xx; only a bug is a 500, and it is logged.
 */
import { ProtocolError, type ErrorBody, type ErrorCode } from '@opora/shared';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Base of every error the relay answers on purpose. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    /** HTTP status of the answer. */
    readonly status: ContentfulStatusCode,
    /** Shared error code. */
    readonly code: ErrorCode,
    /** Russian text for the user. */
    message: string,
  ) {
    super(message);
  }
}

/** 400: the request is malformed. */
export class BadRequest extends AppError {
  constructor(message = 'Некорректный запрос.') {
    super(400, 'bad_request', message);
  }
}

/** 401: no token, or an unknown or revoked one. */
export class Unauthorized extends AppError {
  constructor(message = 'Нужно войти заново.') {
    super(401, 'unauthorized', message);
  }
}

/** 401: wrong login or password (the same answer for an unknown login). */
export class InvalidCredentials extends AppError {
  constructor() {
    super(401, 'invalid_credentials', 'Неверный логин или пароль.');
  }
}

/** 403: signed in, but not allowed. */
export class Forbidden extends AppError {
  constructor(message = 'Недостаточно прав.') {
    super(403, 'forbidden', message);
  }
}

/** 404: nothing here. */
export class NotFound extends AppError {
  constructor(message = 'Не найдено.') {
    super(404, 'not_found', message);
  }
}

/** 413: the body is over the limit. */
export class PayloadTooLarge extends AppError {
  constructor(message = 'Слишком большой запрос.') {
    super(413, 'payload_too_large', message);
  }
}

/** 415: the body is not of the expected type. */
export class UnsupportedMediaType extends AppError {
  constructor(message = 'Неподдерживаемый тип данных.') {
    super(415, 'unsupported_media_type', message);
  }
}

/** 429: too many attempts; retry after `retryAfter` seconds. */
export class RateLimited extends AppError {
  constructor(readonly retryAfter: number) {
    super(
      429,
      'rate_limited',
      `Слишком много попыток. Повторите через ${Math.max(1, Math.ceil(retryAfter / 60))} мин.`,
    );
  }
}

/** The JSON error body for a code and message. */
export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Where unexpected errors are reported (console by default; tests replace it). */
export type ErrorLogger = (err: unknown, c: Context) => void;

const defaultLogger: ErrorLogger = (err, c) => {
  console.error(`[relay] ${c.req.method} ${c.req.path} failed:`, err);
};

/** Builds the `app.onError` handler. */
export function handleError(log: ErrorLogger = defaultLogger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof AppError) {
      if (err instanceof RateLimited) c.header('Retry-After', String(Math.ceil(err.retryAfter)));
      return c.json(errorBody(err.code, err.message), err.status);
    }
    if (err instanceof ProtocolError) {
      return c.json(
        errorBody('bad_request', `Некорректный запрос синхронизации: ${err.message}`),
        400,
      );
    }
    if (err instanceof HTTPException && err.status < 500) {
      const code = STATUS_CODES[err.status] ?? 'bad_request';
      return c.json(errorBody(code, 'Некорректный запрос.'), err.status);
    }
    log(err, c);
    return c.json(errorBody('internal', 'Внутренняя ошибка сервера. Попробуйте позже.'), 500);
  };
}
