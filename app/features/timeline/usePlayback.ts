import { useEffect } from 'react';
import { tick } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';

/** While playing, one step forward every 1/speed seconds (the timer lives in the app, never in core). */
export function usePlayback(): void {
  const store = useSimStore();
  const playing = useSim((s) => s.ui.playing);
  const speed = useSim((s) => s.ui.speed);
  useEffect(() => {
    if (!playing) return undefined;
    const id = setInterval(() => tick(store), 1000 / speed);
    return () => clearInterval(id);
  }, [store, playing, speed]);
}
