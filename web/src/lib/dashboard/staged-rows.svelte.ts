/**
 * How many rows a big dashboard table renders: a page of PAGE rows (more on
 * «Показать ещё»), built in steps. The first screenful goes into the first
 * frame and the rest of the page follows a step per frame, so opening a
 * dashboard over 2,000 schools does not wait for rows below the fold. Sorting,
 * filtering, totals and exports always work on the full data: only the DOM is
 * staged.
 */
import { PAGE } from './workspace';

/** Rows in the first frame: a screenful of a table below the filter bar. */
export const FIRST_ROWS = 20;
/** Rows added per later frame. */
const STEP = 15;

/** A table's page of rows, rendered in steps (create during component init). */
export class StagedRows {
  #limit = $state(PAGE);
  #built = $state(FIRST_ROWS);

  readonly #target: () => number;

  /** `target`: rows the page comes to, when a page item spans several rows (default: limit). */
  constructor(target?: () => number) {
    this.#target = target ?? (() => this.#limit);
    $effect(() => {
      const target = this.#target();
      const built = this.#built;
      if (built >= target) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // After the frame is painted (a task posted from rAF runs after paint), add a step.
      const frame = requestAnimationFrame(() => {
        timer = setTimeout(() => (this.#built = Math.min(target, built + STEP)));
      });
      return () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      };
    });
  }

  /** Rows of the page (what «Показать ещё» has asked for). */
  get limit(): number {
    return this.#limit;
  }

  /** Rows to render now (≤ the target). */
  get shown(): number {
    return Math.min(this.#built, this.#target());
  }

  /** Another page of rows («Показать ещё»). */
  more(): void {
    this.#limit += PAGE;
  }
}
