import {
  lazy,
  Suspense,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { TOUR_INDEX } from '../../../core/index.ts';
import { tryLoadTours } from '../../share/tourLoader.ts';
import { useSimStore } from '../../store/context.tsx';
import { startTour } from './startTour.ts';

const RaceTourItems = lazy(() =>
  import('../race/RaceTourItems.tsx').then((m) => ({ default: m.RaceTourItems })),
);

/** Room kept between an open menu and the window's edges. */
const MARGIN = 8;

/**
 * How far left an open menu must move to stay inside the window: a menu wider than the room
 * right of its button (two columns once the race tours load, from a button in the middle of
 * the header) moves by what it overflows, never past the left edge; measured again when its
 * size changes. Read off its layout box (offsetLeft and offsetWidth ignore the shift itself).
 */
function useShiftIntoWindow(menu: RefObject<HTMLElement | null>, open: boolean): number {
  const [shift, setShift] = useState(0);
  useLayoutEffect(() => {
    const el = menu.current;
    if (!open || el === null) return;
    const keep = () => {
      const left = (el.offsetParent?.getBoundingClientRect().left ?? 0) + el.offsetLeft;
      const over = left + el.offsetWidth - (window.innerWidth - MARGIN);
      setShift(Math.min(Math.max(over, 0), Math.max(left - MARGIN, 0)));
    };
    keep();
    const ro = new ResizeObserver(keep);
    ro.observe(el);
    window.addEventListener('resize', keep);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', keep);
    };
  }, [menu, open]);
  return open ? shift : 0;
}

/** The Tours menu button: every narrated tour, played from its first step. */
export function ToursMenu() {
  const store = useSimStore();
  const [open, setOpen] = useState(false);
  const [end, setEnd] = useState(false);
  const menu = useRef<HTMLUListElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);
  const shift = useShiftIntoWindow(menu, open);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const play = (name: string) => {
    setOpen(false);
    void startTour(store, name);
  };
  const onKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    const go = (j: number) => items[(j + items.length) % items.length]?.focus();
    if (e.key === 'Escape') close();
    else if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(items.length - 1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className="tours-menu">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="tours-menu"
        onClick={() => {
          // A button in the header's right half opens the menu leftwards: it stays on screen.
          setEnd((button.current?.getBoundingClientRect().left ?? 0) > window.innerWidth / 2);
          // The tours start loading while the reader chooses one (a failed load is retried then).
          if (!open) void tryLoadTours();
          setOpen(!open);
        }}
      >
        Tours
      </button>
      {open && (
        <ul
          id="tours-menu"
          role="menu"
          aria-label="Tours"
          ref={menu}
          onKeyDown={onKey}
          className={end ? 'end' : undefined}
          style={shift > 0 ? { translate: `${-shift}px 0` } : undefined}
        >
          {TOUR_INDEX.map((t) => (
            <li key={t.name} role="none">
              <button type="button" role="menuitem" tabIndex={-1} onClick={() => play(t.name)}>
                {t.title}
              </button>
            </li>
          ))}
          <li role="separator" />
          {/* Race tours open the race workspace at their first step; their code loads on demand. */}
          <Suspense fallback={null}>
            <RaceTourItems />
          </Suspense>
        </ul>
      )}
    </div>
  );
}
