/**
 * The states of the current line without keeping every one: a checkpoint every EVERY steps
 * and the few states last looked at. A state in between is replayed from its checkpoint, or
 * from a state looked at since between them (at most EVERY - 1 applies). Keeping all of them
 * cost ~40 KB a step on a split 1G file (8,000 steps: 318 MB); this keeps 1/EVERY of that.
 * Asking twice for a state still cached gives the same object, so selectors stay stable.
 */
import { applyWithoutTransitions } from '../../core/index.ts';
import type { GmemState, Op } from '../../core/index.ts';

export const EVERY = 64;
const RECENT = 16;

export class StateLine {
  private readonly recent = new Map<number, GmemState>();

  /**
   * @param ops the line's ops (state i is after ops[0..i-1])
   * @param checkpoints the state after k * EVERY steps, for every k up to length - 1
   * @param length the number of states (ops applied + 1)
   * @param tip the last state (always kept: the next step starts from it)
   * @param known a state already computed (where a new line forks from the old one), kept
   *   so the shared prefix keeps its objects
   */
  constructor(
    private readonly ops: readonly Op[],
    readonly checkpoints: readonly GmemState[],
    readonly length: number,
    readonly tip: GmemState | undefined,
    known?: readonly [number, GmemState],
  ) {
    if (known !== undefined && known[0] < length) this.recent.set(known[0], known[1]);
  }

  /** State i (after i steps), or undefined outside [0, length). */
  at(i: number): GmemState | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) return undefined;
    if (i === this.length - 1) return this.tip;
    if (i % EVERY === 0) return this.checkpoints[i / EVERY];
    const hit = this.recent.get(i);
    if (hit !== undefined) {
      this.recent.delete(i);
      this.recent.set(i, hit);
      return hit;
    }
    // From the nearest state known below i in its segment: a frame asks for step - 1, then
    // step, so the second costs one apply instead of a replay from the checkpoint.
    let from = Math.floor(i / EVERY) * EVERY;
    let s = this.checkpoints[from / EVERY] as GmemState;
    for (const [j, known] of this.recent)
      if (j > from && j < i) {
        from = j;
        s = known;
      }
    // States only: the diagram transitions of the steps in between are not asked for here.
    for (let j = from; j < i; j++) s = applyWithoutTransitions(s, this.ops[j] as Op).state;
    this.recent.set(i, s);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value as number);
    return s;
  }
}
