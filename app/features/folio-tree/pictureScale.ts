import { createContext, useContext } from 'react';

/**
 * How the file view is drawn: in the app, at 1:1 with its tools; on the presentation stage,
 * magnified by `k` as one picture (labels, lanes, strokes and patterns alike), without the
 * tools a projector audience cannot use.
 */
export interface PictureScale {
  readonly k: number;
  readonly stage: boolean;
}

export const PictureScaleContext = createContext<PictureScale>({ k: 1, stage: false });

export const usePictureScale = (): PictureScale => useContext(PictureScaleContext);
