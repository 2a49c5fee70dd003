import { useEffect, useState } from 'react';

/** The speaker's clock: time since the speaker view opened, pausable, resettable (whole seconds). */
export function useTimer(): { seconds: number; paused: boolean; toggle: () => void; reset: () => void } {
  // Elapsed time before the current run, and when the current run began (null: paused).
  const [banked, setBanked] = useState(0);
  const [since, setSince] = useState<number | null>(() => performance.now());
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (since === null) return undefined;
    const id = window.setInterval(() => setNow(performance.now()), 500);
    return () => window.clearInterval(id);
  }, [since]);
  const elapsed = banked + (since === null ? 0 : Math.max(0, now - since));
  return {
    seconds: Math.floor(elapsed / 1000),
    paused: since === null,
    toggle: () => {
      const t = performance.now();
      if (since === null) setSince(t);
      else {
        setBanked(banked + (t - since));
        setSince(null);
      }
      setNow(t);
    },
    reset: () => {
      const t = performance.now();
      setBanked(0);
      setSince((s) => (s === null ? null : t));
      setNow(t);
    },
  };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** 75 -> "1:15"; 3725 -> "1:02:05". */
export function clockText(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
