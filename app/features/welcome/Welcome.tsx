import { lazy, Suspense, useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { PAGE, TOUR_INDEX } from '../../../core/index.ts';
import { initialScenario } from '../../initialScenario.ts';
import { resolveOpening } from '../../share/boot.ts';
import { toursFor, tryLoadTours } from '../../share/tourLoader.ts';
import { openScenario, playTour, select } from '../../store/commands.ts';
import { useSimStore } from '../../store/context.tsx';
import type { SimStore } from '../../store/store.ts';
import { importFile } from '../files/exports.ts';
import { openRaces } from '../race/route.ts';
import { startTour } from '../tours/startTour.ts';
import { Term } from '../glossary/Term.tsx';
import { browserStorage, isFirstVisit, markWelcomed } from './firstVisit.ts';
import { tourSummary } from './tourLines.ts';
import { TourButton } from './TourButton.tsx';
import { onShowWelcome } from './welcomeView.ts';
import './welcome.css';

// The race tours and the race parser stay out of the first download: loaded with the welcome.
const WelcomeRaceTours = lazy(() =>
  import('../race/WelcomeRaceTours.tsx').then((m) => ({ default: m.WelcomeRaceTours })),
);

/** Mounted once: the welcome on a first visit (no link, no autosave), and again on request. */
export function Welcome() {
  const [open, setOpen] = useState(() => isFirstVisit(window.location.hash, browserStorage()));
  useEffect(() => onShowWelcome(() => setOpen(true)), []);
  if (!open) return null;
  return (
    <WelcomeDialog
      onDone={() => {
        markWelcomed(browserStorage());
        setOpen(false);
      }}
    />
  );
}

/** The ready-made VM (the app's default scenario), with its first page selected. */
function explore(store: SimStore): void {
  const s = store.getState();
  // On a first visit it is already open: do not add an undo step that changes nothing.
  if (s.doc.scenario.steps.length > 0 || s.past.length > 0) openScenario(store, initialScenario());
  select(store, { start: 0, end: PAGE, anchor: 0 });
  // Straight into the folio tree, where the single-key operations act on that page.
  document.getElementById('folio-tree')?.focus();
}

function WelcomeDialog({ onDone }: { onDone: () => void }) {
  const store = useSimStore();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    // No close() on cleanup: StrictMode's rehearsal unmount would fire 'close' and shut the dialog.
    if (d === null || d.open) return;
    d.showModal();
    // Most readers start with a tour: load the tours while they read.
    void tryLoadTours();
    // The first tour is the suggested start (React sets no autofocus attribute for showModal).
    d.querySelector<HTMLElement>('.welcome-tour')?.focus();
  }, []);
  const finish = (then?: () => void) => {
    // Opened with nothing focused, a closed dialog gives the focus back to nobody: it stays on
    // the hidden button until the dialog leaves the page. Let go of it first, so what opens
    // next (a tour's Next button, the folio tree) can take it.
    if (ref.current?.contains(document.activeElement) === true)
      (document.activeElement as HTMLElement).blur();
    ref.current?.close();
    then?.();
  };
  return (
    <dialog
      ref={ref}
      aria-labelledby="welcome-title"
      aria-describedby="welcome-intro"
      className="welcome"
      onClose={onDone}
      // Keys typed here are not the app's shortcuts (Esc still closes: it is the dialog's default).
      onKeyDown={(e) => e.stopPropagation()}
    >
      <div className="welcome-head">
        <h2 id="welcome-title">Welcome to Folioscope</h2>
        {/* At the top as well as at the bottom: on a small screen the footer is a scroll away. */}
        <button type="button" onClick={() => finish()}>
          Close
        </button>
      </div>
      <p id="welcome-intro" className="welcome-intro">
        <Term id="guest-memfd">guest_memfd</Term> is the Linux KVM file that holds a virtual machine’s memory,
        and each 4K page of it is either <Term id="private">private</Term> (only the guest may touch it, as
        confidential VMs on TDX, SEV-SNP or pKVM require) or <Term id="shared">shared</Term> (the VMM may map
        it for I/O). Pages <Term id="conversion">convert</Term> between the two in place, without copying, so
        before a page can turn private every host mapping, <Term id="gup-pin">pin</Term> and reference to it
        must be gone. Backed by 1G <Term id="hugetlb-block">HugeTLB pages</Term>, sharing one 4K page{' '}
        <Term id="split">splits</Term> its 1G <Term id="folio">folio</Term> into 262,144 small ones, which{' '}
        <Term id="merge">merge</Term> back only once the whole gigabyte is private and nothing holds any piece
        of it: Folioscope lets you watch that, step by step.
      </p>
      <div className="welcome-choices">
        <TourChoice onPlay={(name) => finish(() => void startTour(store, name))} />
        <div className="welcome-side">
          <section className="welcome-choice" aria-labelledby="welcome-explore">
            <h3 id="welcome-explore">Explore a ready-made VM</h3>
            <p>
              A 2 GiB guest_memfd backed by 1G HugeTLB pages, which the VMM may mmap, in an sw_protected VM.
              Every page is private and no memory is allocated yet.
            </p>
            <p>
              Its first page will be selected: try Allocate, Share, Host map, Pin, then Make private, and
              watch the folios, the mappings and the state diagram.
            </p>
            <button type="button" className="welcome-big" onClick={() => finish(() => explore(store))}>
              Explore the 2 GiB VM
            </button>
          </section>
          <OpenChoice onOpened={() => finish()} />
          <section className="welcome-choice welcome-tours" aria-labelledby="welcome-race-tours">
            <h3 id="welcome-race-tours">Take a race tour</h3>
            <Suspense fallback={<p className="muted">Loading the race tours…</p>}>
              <WelcomeRaceTours onPlay={(name) => finish(() => openRaces(`${name}.1`))} />
            </Suspense>
          </section>
        </div>
      </div>
      <div className="welcome-footer">
        <span className="muted">This welcome appears once; Help → “Show the welcome” brings it back.</span>
        <button type="button" onClick={() => finish()}>
          Skip: show the app
        </button>
      </div>
    </dialog>
  );
}

function TourChoice({ onPlay }: { onPlay: (name: string) => void }) {
  return (
    <section className="welcome-choice welcome-tours" aria-labelledby="welcome-tours">
      <h3 id="welcome-tours">Take a guided tour</h3>
      <p>
        {TOUR_INDEX.length} tours, each a scenario played step by step with a note on every step. New here?
        Start with the first.
      </p>
      <ul>
        {TOUR_INDEX.map((t) => {
          const s = tourSummary(t);
          return (
            <li key={t.name}>
              <TourButton title={t.title} {...s} onPlay={() => onPlay(t.name)} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function OpenChoice({ onOpened }: { onOpened: () => void }) {
  const store = useSimStore();
  const input = useRef<HTMLInputElement>(null);
  const [link, setLink] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file === undefined) return;
    const r = await importFile(file);
    if (!r.ok) return setError(`${file.name}: ${r.error}`);
    openScenario(store, r.scenario);
    onOpened();
  };
  const onLink = async (e: FormEvent) => {
    e.preventDefault();
    const text = link.trim();
    const at = text.indexOf('#');
    const hash = at >= 0 ? text.slice(at) : `#s=${text}`;
    await toursFor(hash);
    const o = resolveOpening(hash, null, () => store.getState().doc.scenario);
    if (o.error !== undefined)
      return setError(o.error.replace(/ The default scenario is shown instead\.$/, ''));
    if (o.tour !== undefined) playTour(store, o.tour, o.scenario, o.cursor);
    else openScenario(store, o.scenario, o.cursor);
    onOpened();
  };
  return (
    <section className="welcome-choice" aria-labelledby="welcome-open">
      <h3 id="welcome-open">Open a scenario file or link</h3>
      <p>
        A scenario file (the JSON the command-line runner reads) or a Folioscope link someone shared with you.
      </p>
      <button type="button" className="welcome-big" onClick={() => input.current?.click()}>
        Open a scenario file…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={(e) => void onFile(e)}
      />
      <form onSubmit={(e) => void onLink(e)} className="welcome-link" aria-label="Open a link">
        <label>
          Link{' '}
          <input
            value={link}
            onChange={(e) => setLink(e.target.value)}
            placeholder="https://…/#s=1.…"
            spellCheck={false}
          />
        </label>
        <button type="submit" disabled={link.trim() === ''}>
          Open link
        </button>
      </form>
      {error !== null && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
