/**
 * One roadmap on a screen: its snapshot as a rune (refreshed after every local
 * or remote change), the derived progress, anti-risk view and report, and the
 * writes, each one local transaction queued for the relay.
 */
import {
  RISK_FACTORS,
  antiRiskProgrammes,
  buildRoadmapReport,
  countIndicators,
  countMeasures,
  frameOf,
  parseDocId,
  type AccessScope,
  type Actor,
  type AntiRiskView,
  type DocRef,
  type ProgressFrame,
  type RoadmapEditor,
  type RoadmapReport,
  type RoadmapSnapshot,
} from '@opora/shared';
import type * as Y from 'yjs';
import type { OporaDb } from '$lib/db/database';
import { ScreenDoc, type DocUser } from '$lib/documents/screen-doc.svelte';
import { tr } from '$lib/i18n/roadmap';
import { RoadmapCacheWriter, afterPaint, readCachedRoadmap } from './snapshot-cache';
import { RoadmapOps, todayIso, type MoveDirection, type TextTarget } from './roadmap-ops';

export { todayIso };

/** Why the roadmap cannot be shown. */
export type RoadmapFailure = 'not_found' | 'forbidden' | 'load';

/** The signed-in person, as the history records them. */
export type RoadmapUser = DocUser;

// The last read of each loaded document until its next transaction: the report opened from
// the roadmap (the same Y.Doc, still loaded) does not read a 40-problem roadmap again.
const reads = new WeakMap<Y.Doc, RoadmapSnapshot>();
const followed = new WeakSet<Y.Doc>();

function snapshotOf(ops: RoadmapOps): RoadmapSnapshot {
  const doc = ops.doc;
  if (!followed.has(doc)) {
    followed.add(doc);
    doc.on('afterTransaction', () => reads.delete(doc));
  }
  let snap = reads.get(doc);
  if (!snap) reads.set(doc, (snap = ops.snapshot()));
  return snap;
}

/** A roadmap open on a screen. */
export class RoadmapDoc extends ScreenDoc<RoadmapSnapshot, RoadmapEditor, RoadmapOps> {
  #failure = $state<RoadmapFailure | null>(null);
  readonly ref: Extract<DocRef, { kind: 'roadmap' }> | null;
  readonly canWrite: boolean;
  /** Today, YYYY-MM-DD: the date lateness and progress are judged on. */
  readonly today: string = todayIso();
  protected readonly writeError = tr.errors.generic;
  protected readonly unknownName = tr.unknownUser;
  private cache: RoadmapCacheWriter | null = null;

  readonly frame: ProgressFrame = $derived(
    this.snapshot ? frameOf(this.snapshot, this.today) : { today: this.today },
  );
  readonly measureCounts = $derived(countMeasures(this.snapshot?.problems ?? [], this.today));
  readonly indicatorCounts = $derived(countIndicators(this.snapshot?.problems ?? [], this.frame));

  constructor(db: OporaDb, docId: string, scope: AccessScope, user: RoadmapUser | null) {
    super(db, docId, user);
    const ref = parseDocId(docId);
    this.ref = ref?.kind === 'roadmap' ? ref : null;
    const decision = scope.decide(docId, 'read');
    if (!this.ref || !decision.ok)
      this.#failure = decision.ok || decision.reason !== 'forbidden' ? 'not_found' : 'forbidden';
    this.canWrite = this.#failure === null && user !== null && scope.canWrite(docId);
  }

  /**
   * Opens the document; a writer's first open creates it. With `cached`, the
   * stored read of the roadmap (snapshot-cache.ts) shows first, read-only
   * (`live` false, no writes), and is painted before the Y.Doc decodes.
   */
  async load(opts: { cached?: boolean } = {}): Promise<void> {
    if (this.#failure) return;
    try {
      if (opts.cached) {
        const cached = await readCachedRoadmap(this.db, this.docId);
        if (this.closed) return;
        if (cached) {
          this.show(cached);
          await afterPaint();
          if (this.closed) return;
        }
      }
      const ops = await this.attach();
      if (!ops) return;
      if (opts.cached) {
        this.cache = new RoadmapCacheWriter(this.db, this.docId, () => snapshotOf(ops));
        this.cache.changed();
        if (typeof document !== 'undefined')
          document.addEventListener('visibilitychange', this.onHidden);
      }
    } catch {
      this.#failure = 'load';
    }
  }

  protected createOps(doc: Y.Doc, actor: Actor, origin: unknown): RoadmapOps {
    return new RoadmapOps(doc, actor, origin);
  }

  protected override read(ops: RoadmapOps): RoadmapSnapshot {
    return snapshotOf(ops);
  }

  protected override refreshed(): void {
    this.cache?.changed();
  }

  // A phone app sent to the background may never come back: its cache is written now.
  private readonly onHidden = (): void => {
    if (document.visibilityState === 'hidden') void this.cache?.flush();
  };

  get failure(): RoadmapFailure | null {
    return this.#failure;
  }

  /** The current user's id. */
  get userId(): string {
    return this.user?.id ?? '';
  }

  /** Anti-risk programmes over the roadmap, one per factor. */
  antiRisk(includeEmpty: boolean): AntiRiskView {
    return antiRiskProgrammes(
      this.snapshot ?? { problems: [] },
      this.frame,
      RISK_FACTORS,
      includeEmpty,
    );
  }

  /** The analytical report on today. */
  report(schoolName: string): RoadmapReport | null {
    const s = this.snapshot;
    if (!s || !this.ref) return null;
    return buildRoadmapReport(s, {
      today: this.today,
      schoolName,
      year: this.ref.year,
      factors: RISK_FACTORS,
    });
  }

  /** Replaces a long text with what its field shows. */
  editText(t: TextTarget, next: string): void {
    if (!this.canWrite) return;
    this.act(() => this.ops?.editText(t, next));
  }

  /** Notes a finished text edit in the history. */
  noteTextEdited(t: TextTarget): void {
    this.act(() => this.ops?.noteTextEdited(t));
  }

  /** Moves a problem one place. */
  moveProblem(id: string, dir: MoveDirection): void {
    this.act(() => this.ops?.moveProblem(id, dir));
  }

  /** Moves a task, indicator or measure one place within its problem. */
  moveItem(kind: 'task' | 'indicator' | 'measure', id: string, dir: MoveDirection): void {
    this.act(() => this.ops?.moveItem(kind, id, dir));
  }

  /** Moves a resource one place. */
  moveResource(id: string, dir: MoveDirection): void {
    this.act(() => this.ops?.moveResource(id, dir));
  }

  /** Sets an indicator's baseline or target from typed text; false when not a number. */
  setIndicatorNumber(id: string, field: 'baseline' | 'target', raw: string): boolean {
    let ok = false;
    this.act(() => {
      ok = this.ops?.setIndicatorNumber(id, field, raw) ?? false;
    });
    return ok;
  }

  /** Records a value of an indicator; false when the date or number is not valid. */
  addIndicatorValue(id: string, date: string, raw: string, note: string): boolean {
    let ok = false;
    this.act(() => {
      ok = this.ops?.addIndicatorValue(id, date, raw, note) ?? false;
    });
    return ok;
  }

  override close(): void {
    this.closed = true;
    // The last read is taken now, while the document is still open.
    void this.cache?.close();
    this.cache = null;
    if (typeof document !== 'undefined')
      document.removeEventListener('visibilitychange', this.onHidden);
    super.close();
  }
}
