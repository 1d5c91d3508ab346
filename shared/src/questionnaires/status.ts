/**
 * Review status of a questionnaire: «Отправить на проверку», and a curator's
 * return with a comment or acceptance. Nothing is locked: answers stay
 * editable in every status (people fill forms offline; a lock that one device
 * cannot see would only lose work). The status says where the form is in
 * review, and every change is also appended to the `comments` array, so the
 * full history survives concurrent changes.
 *
 * Storage: `status` map, register field `state` → `{ status }` (multi-value
 * register; when two people change the status concurrently, the latest by time
 * is current and both remain in the history); `comments` array of
 * `ReviewComment` (append-only; concurrent appends all survive).
 */
import * as Y from 'yjs';
import { indexRegister, newWriteId, writeRegister } from '../documents/register.ts';
import type { Role } from '../domain/roles.ts';
import { QUESTIONNAIRE_ROOTS, type EditOptions } from './document.ts';

/** Where a questionnaire is in review. */
export type ReviewStatus = 'draft' | 'submitted' | 'returned' | 'accepted';

/** Register field of the status in the `status` map. */
export const STATUS_FIELD = 'state';

/** The current status and who set it. */
export interface StatusRecord {
  status: ReviewStatus;
  /** Empty for a document nobody has submitted yet. */
  by: string;
  at: number;
}

/** One entry of the review history. */
export interface ReviewComment {
  id: string;
  /** `status`: a status change (text optional); `comment`: a remark. */
  kind: 'status' | 'comment';
  status?: ReviewStatus;
  text: string;
  by: string;
  at: number;
  /** The question a remark is about, if any. */
  questionId?: string;
}

/** Status actions and the roles that may take them (the UI hides the others). */
export const STATUS_ACTIONS = {
  submit: { to: 'submitted', roles: ['teacher', 'school_coordinator'] },
  return: { to: 'returned', roles: ['curator', 'municipal_coordinator', 'regional_coordinator'] },
  accept: { to: 'accepted', roles: ['curator', 'municipal_coordinator', 'regional_coordinator'] },
  reopen: { to: 'draft', roles: ['teacher', 'school_coordinator'] },
} as const satisfies Record<string, { to: ReviewStatus; roles: readonly Role[] }>;

/** A status action. */
export type StatusAction = keyof typeof STATUS_ACTIONS;

const STATUSES: readonly ReviewStatus[] = ['draft', 'submitted', 'returned', 'accepted'];

function isStatus(x: unknown): x is ReviewStatus {
  return typeof x === 'string' && (STATUSES as readonly string[]).includes(x);
}

/** The current status; `draft` with empty `by` when none was ever set. */
export function currentStatus(doc: Y.Doc): StatusRecord {
  const list = indexRegister(doc.getMap(QUESTIONNAIRE_ROOTS.status)).get(STATUS_FIELD) ?? [];
  // Entries are ordered by time then write id on every replica: the last valid one is current.
  for (let i = list.length - 1; i >= 0; i--) {
    const e = list[i];
    const s = (e?.v as { status?: unknown } | undefined)?.status;
    if (e && isStatus(s)) return { status: s, by: e.by, at: e.at };
  }
  return { status: 'draft', by: '', at: 0 };
}

/** Actions a role may take from the current status. */
export function availableActions(status: ReviewStatus, roles: readonly Role[]): StatusAction[] {
  const from: Record<StatusAction, readonly ReviewStatus[]> = {
    submit: ['draft', 'returned'],
    return: ['submitted', 'accepted'],
    accept: ['submitted'],
    reopen: ['submitted', 'accepted'],
  };
  return (Object.keys(STATUS_ACTIONS) as StatusAction[]).filter(
    (a) =>
      from[a].includes(status) &&
      (STATUS_ACTIONS[a].roles as readonly Role[]).some((r) => roles.includes(r)),
  );
}

/** Appends a remark (optionally about one question) to the review history. */
export function addComment(
  doc: Y.Doc,
  by: string,
  text: string,
  opts: EditOptions & { questionId?: string } = {},
): ReviewComment {
  const c: ReviewComment = {
    id: newWriteId(),
    kind: 'comment',
    text,
    by,
    at: opts.at ?? Date.now(),
  };
  if (opts.questionId) c.questionId = opts.questionId;
  doc.transact(
    () => doc.getArray<ReviewComment>(QUESTIONNAIRE_ROOTS.comments).push([c]),
    opts.origin,
  );
  return c;
}

/**
 * Takes a status action: records the new status and who set it, and appends it
 * to the history with the comment (a return needs one: it says what to fix).
 */
export function applyStatusAction(
  doc: Y.Doc,
  action: StatusAction,
  by: string,
  comment = '',
  opts: EditOptions = {},
): StatusRecord {
  if (action === 'return' && comment.trim() === '')
    throw new Error('status: a return needs a comment');
  const status = STATUS_ACTIONS[action].to;
  const at = opts.at ?? Date.now();
  doc.transact(() => {
    writeRegister(doc.getMap(QUESTIONNAIRE_ROOTS.status), STATUS_FIELD, { status }, by, { at });
    const entry: ReviewComment = {
      id: newWriteId(),
      kind: 'status',
      status,
      text: comment,
      by,
      at,
    };
    doc.getArray<ReviewComment>(QUESTIONNAIRE_ROOTS.comments).push([entry]);
  }, opts.origin);
  return { status, by, at };
}

/** «Отправить на проверку». */
export function submitForReview(doc: Y.Doc, by: string, opts: EditOptions = {}): StatusRecord {
  return applyStatusAction(doc, 'submit', by, '', opts);
}

/** A curator returns the questionnaire with a comment. */
export function returnForRevision(
  doc: Y.Doc,
  by: string,
  comment: string,
  opts: EditOptions = {},
): StatusRecord {
  return applyStatusAction(doc, 'return', by, comment, opts);
}

function isComment(x: unknown): x is ReviewComment {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    typeof c.id === 'string' &&
    (c.kind === 'status' || c.kind === 'comment') &&
    typeof c.text === 'string' &&
    typeof c.by === 'string' &&
    typeof c.at === 'number' &&
    (c.status === undefined || isStatus(c.status))
  );
}

/** The review history, oldest first (malformed entries from other clients are skipped). */
export function reviewHistory(doc: Y.Doc): ReviewComment[] {
  return doc
    .getArray<unknown>(QUESTIONNAIRE_ROOTS.comments)
    .toArray()
    .filter(isComment)
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
