/**
 * The coordinator's workspace state: the summaries on the device, the schools
 * in scope, the filter, and every dashboard derived from them. One instance per
 * app (the filter stays as the coordinator moves between dashboards); each
 * dashboard is a lazy `$derived`, computed the first time a screen reads it.
 *
 * The index is read whole (2,000 schools ≈ 30,000 small rows) and re-read at
 * most every RELOAD_MS while a sync writes: a live query over the whole table
 * would re-run on every batch a sync stores.
 */
import { liveQuery } from 'dexie';
import {
  buildCompletionMatrix,
  buildCuratorActivity,
  buildRiskHeatmap,
  buildRoadmapExecution,
  cohortExamDynamics,
  createSchoolSearchIndex,
  filterSchools,
  findNonEngagedSchools,
  lastActivityBySchool,
  schoolFacets,
  sortRiskRows,
  ExamIndex,
  type RiskSort,
  type School,
  type SchoolFilter,
} from '@opora/shared';
import type { OporaDb } from '$lib/db/database';
import type { SessionManager } from '$lib/auth/session.svelte';
import { backfillDetails, DETAIL_KINDS } from '$lib/documents/detail-backfill';
import { localToday } from '$lib/documents/today';
import { td } from '$lib/i18n/dashboard';
import {
  completionForms,
  coordinatedMunicipalities,
  curatorsOf,
  curatorsShown,
  inputsFromRows,
  isCoordinator,
  riskFactorColumns,
  schoolsInScope,
  storedWavesOf,
  yearsOf,
  byName,
  thisYear,
  idSet,
  byId,
  nameMap,
  distinctDesc,
  type SummaryRow,
} from './inputs';
import { wavesOfYear } from './wave-periods';

const RELOAD_MS = 1500;

/** The workspace's state and dashboards. */
export class DashboardData {
  #rows = $state.raw<SummaryRow[]>([]);
  #loaded = $state(false);
  #loadedAt = $state<number | null>(null);
  #filter = $state.raw<SchoolFilter>({});
  #year = $state(thisYear());
  #examYear = $state<number | null>(null);
  #riskSort = $state.raw<RiskSort>({ by: 'score' });
  #riskWave = $state<string | null>(null);
  #idleDays = $state(30);
  #staleDays = $state(60);
  #today = $state(localToday());
  private readonly db: OporaDb;
  private readonly session: SessionManager;
  private readonly sub: { unsubscribe(): void };
  private loading: Promise<void> | null = null;
  private dirty = false;
  private backfilled = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(db: OporaDb, session: SessionManager) {
    this.db = db;
    this.session = session;
    // A cheap query that changes whenever any row does; the rows themselves are re-read throttled.
    this.sub = liveQuery(async () => {
      const [count, last] = await Promise.all([
        db.docs.count(),
        db.docs.orderBy('updatedAt').last(),
      ]);
      return `${count}:${last?.updatedAt ?? 0}`;
    }).subscribe({ next: () => this.scheduleReload(), error: () => undefined });
  }

  private scheduleReload(): void {
    if (this.timer !== undefined) return;
    const wait = this.#loaded ? RELOAD_MS : 0;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reload();
    }, wait);
  }

  /** Re-reads the summaries now (after a backfill, or for a benchmark). */
  async reload(): Promise<void> {
    if (this.loading) {
      this.dirty = true;
      return this.loading;
    }
    this.loading = (async () => {
      performance.mark('opora:dashboard-read');
      // One getAll over the table is cheaper than a range per kind; other kinds are dropped here.
      const rows = await this.db.docs.toArray();
      performance.measure('opora:dashboard-read', 'opora:dashboard-read');
      this.#rows = rows
        .filter((r) => DETAIL_KINDS.includes(r.kind))
        .map((r) => ({
          id: r.id,
          kind: r.kind,
          schoolId: r.schoolId,
          updatedAt: r.updatedAt,
          detail: r.summary.detail,
        }));
      this.#loaded = true;
      this.#loadedAt = Date.now();
      this.#today = localToday();
      if (!this.backfilled) {
        // Once per opening, from the rows just read (the backfill would read them all again).
        this.backfilled = true;
        void this.backfill(this.#rows);
      }
    })().finally(() => {
      this.loading = null;
      if (this.dirty) {
        this.dirty = false;
        this.scheduleReload();
      }
    });
    return this.loading;
  }

  private async backfill(rows: readonly SummaryRow[]): Promise<void> {
    try {
      const updated = await backfillDetails(this.db, DETAIL_KINDS, rows);
      if (updated > 0) await this.reload();
    } catch {
      // The next visit tries again; the dashboards show what they have.
    }
  }

  stop(): void {
    this.sub.unsubscribe();
    clearTimeout(this.timer);
  }

  // ---- state ----

  get loaded(): boolean {
    return this.#loaded;
  }
  get loadedAt(): number | null {
    return this.#loadedAt;
  }
  get today(): string {
    return this.#today;
  }
  get filter(): SchoolFilter {
    return this.#filter;
  }
  setFilter(f: SchoolFilter): void {
    this.#filter = f;
  }
  get year(): number {
    return this.#year;
  }
  setYear(y: number): void {
    this.#year = y;
  }
  get riskSort(): RiskSort {
    return this.#riskSort;
  }
  setRiskSort(s: RiskSort): void {
    this.#riskSort = s;
  }
  get riskWave(): string | null {
    return this.#riskWave;
  }
  setRiskWave(w: string | null): void {
    this.#riskWave = w;
  }
  get idleDays(): number {
    return this.#idleDays;
  }
  setIdleDays(d: number): void {
    if (Number.isFinite(d) && d >= 1) this.#idleDays = Math.round(d);
  }
  get staleDays(): number {
    return this.#staleDays;
  }
  setStaleDays(d: number): void {
    if (Number.isFinite(d) && d >= 1) this.#staleDays = Math.round(d);
  }
  get examYear(): number {
    return this.#examYear ?? this.latestExamYear;
  }
  setExamYear(y: number): void {
    this.#examYear = y;
  }

  // ---- scope ----

  readonly memberships = $derived.by(() => this.session.session?.memberships ?? []);
  readonly coordinator = $derived(isCoordinator(this.memberships));
  readonly municipalities = $derived.by(() =>
    coordinatedMunicipalities(this.memberships, this.session.directory),
  );
  readonly municipalityNames = $derived(nameMap(this.municipalities));
  /** The regions a user coordinates (their plan-schedules). */
  readonly regionIds = $derived(
    this.memberships
      .filter((m) => m.role === 'regional_coordinator' && m.regionId)
      .map((m) => m.regionId as string)
      .filter((id, i, all) => all.indexOf(id) === i),
  );
  /** The region whose plan-schedule a coordinator reads (their own, or their municipality's). */
  readonly planRegionId = $derived(this.regionIds[0] ?? this.municipalities[0]?.regionId ?? null);
  /** The schools in scope, in name order (sorted once: filtering keeps the order). */
  readonly scopeSchools = $derived.by(() =>
    schoolsInScope(this.memberships, this.session.directory).sort(byName),
  );
  readonly facets = $derived(schoolFacets(this.scopeSchools));
  /** Built on the first search only: a dashboard without a query never pays for it. */
  private readonly searchIndex = $derived(
    createSchoolSearchIndex(this.scopeSchools, this.municipalities),
  );
  /** The schools in scope that pass the filter and search, in name order. */
  readonly schools = $derived.by(() => {
    const query = this.#filter.query?.trim() ?? '';
    return query === ''
      ? filterSchools(this.scopeSchools, this.#filter)
      : filterSchools(this.scopeSchools, this.#filter, this.municipalities, this.searchIndex);
  });
  private readonly scopeSchoolById = $derived(byId(this.scopeSchools));

  /** The shown schools that match a search query (all of them for an empty one), in name order. */
  searchShown(query: string): School[] {
    const q = query.trim();
    return q === '' ? this.schools : this.schools.filter((s) => this.searchIndex.matches(s.id, q));
  }

  schoolById(id: string): School | undefined {
    return this.scopeSchoolById.get(id);
  }

  // ---- inputs ----

  readonly inputs = $derived(inputsFromRows(this.#rows));
  readonly years = $derived(yearsOf(this.inputs, thisYear()));
  readonly waves = $derived(wavesOfYear(this.#year, td.waveKinds, storedWavesOf(this.#rows)));
  readonly forms = completionForms();
  readonly riskFactors = riskFactorColumns();
  /** Curators: the directory's assignments in scope, and whoever else visited. */
  readonly curators = $derived.by(() => {
    return curatorsOf(
      this.session.directory.curators ?? [],
      this.inputs.visits,
      this.session.knownNames,
    );
  });
  /** The exam results and regional averages, indexed (shared by the exam tables and the report). */
  readonly examIndex = $derived(
    new ExamIndex(this.inputs.examResults, this.inputs.regionalAverages),
  );
  readonly examYears = $derived(distinctDesc(this.inputs.examResults.map((r) => r.year)));
  private readonly latestExamYear = $derived(this.examYears[0] ?? thisYear() - 1);

  // ---- dashboards (lazy: computed when a screen reads them) ----

  readonly completion = $derived.by(() =>
    buildCompletionMatrix({
      schools: this.schools,
      forms: this.forms,
      waves: this.waves,
      summaries: this.inputs.questionnaires,
      asOf: this.#today,
    }),
  );

  private readonly riskBase = $derived.by(() =>
    buildRiskHeatmap({
      schools: this.schools,
      factors: this.riskFactors,
      profiles: this.inputs.riskProfiles,
      ...(this.#riskWave ? { wave: this.#riskWave } : {}),
    }),
  );
  readonly risk = $derived({ ...this.riskBase, rows: sortRiskRows(this.riskBase, this.#riskSort) });

  readonly roadmap = $derived.by(() =>
    buildRoadmapExecution({
      schools: this.schools,
      roadmaps: this.inputs.roadmaps,
      year: this.#year,
    }),
  );

  readonly lastActivity = $derived.by(() =>
    lastActivityBySchool({
      questionnaires: this.inputs.questionnaires,
      roadmaps: this.inputs.roadmaps,
      visits: this.inputs.visits,
    }),
  );
  readonly nonEngaged = $derived.by(() =>
    findNonEngagedSchools({
      schools: this.schools,
      lastActivity: this.lastActivity,
      asOf: this.#today,
      days: this.#idleDays,
    }),
  );

  readonly curatorActivity = $derived.by(() => {
    const shown = idSet(this.schools);
    const visits = this.inputs.visits.filter((v) => shown.has(v.schoolId));
    return buildCuratorActivity({
      curators: curatorsShown(this.curators, visits, shown),
      schools: this.schools,
      visits,
      asOf: this.#today,
      staleAfterDays: this.#staleDays,
    });
  });

  readonly exams = $derived.by(() =>
    cohortExamDynamics({
      schools: this.schools,
      results: this.examIndex,
      year: this.examYear,
    }),
  );

  /** An exam result of a school (null when none). */
  examResult(schoolId: string, year: number, indicator: Parameters<ExamIndex['get']>[2]) {
    return this.examIndex.get(schoolId, year, indicator);
  }

  /** Regional average of an indicator in a year (null when none). */
  regionalAverage(year: number, indicator: Parameters<ExamIndex['get']>[2]) {
    return this.examIndex.regionalAverage(year, indicator);
  }
}

let shared: DashboardData | undefined;

/** The app's one workspace state, created on first use. */
export function dashboardData(db: OporaDb, session: SessionManager): DashboardData {
  shared ??= new DashboardData(db, session);
  return shared;
}
