import { PAGE, hex } from '../../units.ts';
import { setAttr } from '../../state/attributes.ts';
import { folioAt } from '../../state/folios.ts';
import { zapPtes } from '../../state/host.ts';
import { anyIn, runAt, valueAt } from '../../state/rangeMap.ts';
import { describeRefs, fileRefsIn } from '../../state/refs.ts';
import { zapStage2 } from '../../state/stage2.ts';
import { refuse } from '../../state/tx.ts';
import { folioLockWait, lockFolio, unlockFolio } from '../locks.ts';
import { END, fail, goto, type Build, type Program, type Step } from '../program.ts';
import { ownLookup, put } from '../refs.ts';
import { lookupFolio, mapStage2Held } from '../lookup.ts';

/**
 * L — the private fault converts the page itself: seed 003's design (Elliot Berman's RFC 4/4,
 * Aug 2024; never merged). Race-only: no v1 op runs it.
 */
export function faultConvertProgram(b: Build): Program {
  const x = (b.actor.op as { readonly offset: number }).offset;
  const l1: Step = {
    label: 'L1',
    fn: 'guest_memfd_grab_folio',
    run(c) {
      const err = lookupFolio(c, x);
      return err === undefined ? undefined : (fail(c, err), END);
    },
  };
  const l2: Step = {
    label: 'L2',
    fn: 'folio_lock',
    guard(w, id, l) {
      return folioLockWait(w, id, l.folio);
    },
    run(c) {
      return (lockFolio(c, c.locals.folio as number), undefined);
    },
  };
  const l3: Step = {
    label: 'L3',
    fn: 'guest_memfd_make_inaccessible',
    run(c) {
      if (valueAt(c.tx.s.attrs, x) !== 'shared') return goto('L5');
      zapPtes(c.tx, x, x + PAGE, 'unmap_mapping_folio', 'the private fault makes the page inaccessible');
      return undefined;
    },
  };
  const l4: Step = {
    label: 'L4',
    fn: 'guest_memfd_make_inaccessible',
    run(c) {
      const s = c.tx.s;
      const f = folioAt(s, x);
      // "exact": the page cache's and our own reference only (David: drive the refcount to 1).
      const others =
        f === undefined
          ? []
          : fileRefsIn(s, f.start, f.start + f.size).filter((r) => r.holder !== ownLookup(c));
      const mapped = anyIn(s.ptes, x, x + PAGE);
      c.race.push({ type: 'recheck', fn: 'folio_ref_count', detail: `${others.length} extra reference(s)` });
      if ((others.length > 0 || mapped) && b.knobs.faultConvertCheck === 'exact') {
        fail(
          c,
          refuse(
            'EAGAIN',
            'fault-convert.refcount',
            'guest_memfd_make_inaccessible',
            `folio at ${hex(x)} has ${describeRefs(others) || 'a PTE'}`,
            { errorOffset: x },
          ),
        );
        return undefined;
      }
      setAttr(c.tx, x, x + PAGE, 'private');
      zapStage2(c.tx, x, x + PAGE, 'converted to private', 'shared');
      return undefined;
    },
  };
  const l5: Step = {
    label: 'L5',
    fn: 'folio_unlock',
    run(c) {
      return (unlockFolio(c, c.locals.folio), c.locals.err === undefined ? undefined : goto('L7'));
    },
  };
  const l6: Step = {
    label: 'L6',
    fn: 'kvm_tdp_mmu_map',
    run(c) {
      if (runAt(c.tx.s.stage2, x) === undefined) mapStage2Held(c, x, 'private');
      return undefined;
    },
  };
  const l7: Step = {
    label: 'L7',
    fn: 'folio_put',
    run(c) {
      return (put(c, ownLookup(c), x), END);
    },
  };
  return [l1, l2, l3, l4, l5, l6, l7];
}
