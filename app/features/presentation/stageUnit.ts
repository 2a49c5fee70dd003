import { useWindowSize } from '../folio-tree/useWidth.ts';

/** The stage is designed at 1280 x 720 units and scaled to the largest 16:9 box the window holds. */
const STAGE_W = 1280;
const STAGE_H = 720;

/** The pixels per stage unit for a window: 1 at 1280 x 720, 1.5 at 1920 x 1080. */
export const stageUnit = (width: number, height: number): number =>
  Math.max(0.25, Math.min(width / STAGE_W, height / STAGE_H));

/** The stage unit of this window, kept up to date. */
export function useStageUnit(): number {
  const w = useWindowSize();
  return stageUnit(w.width, w.height);
}
