import type { Op } from '../types.ts';
import { PAGE, SIZE_2M } from '../units.ts';

/** A small deterministic PRNG (mulberry32): benchmarks must replay the same ops every time. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/**
 * `n` random operations over a file of `size` bytes, clustered in the first few MiB of random
 * blocks (where conversions, pins and faults interact), as a VMM and guest would.
 */
export function randomOps(n: number, size: number, blockSize: number, seed = 1): Op[] {
  const r = prng(seed);
  const blocks = Math.max(1, size / blockSize);
  const holders = ['vfio', 'io_uring', 'gup'];
  const ops: Op[] = [{ op: 'hostMap', offset: 0, length: size }];
  while (ops.length < n) {
    const offset = Math.floor(r() * blocks) * blockSize + Math.floor(r() * 512) * PAGE;
    const length = pick(r, [PAGE, PAGE, 4 * PAGE, SIZE_2M]);
    const kind = pick(r, [
      'share',
      'private',
      'guest',
      'host',
      'pin',
      'unpin',
      'ref',
      'put',
      'punch',
      'alloc',
      'dontneed',
    ]);
    const holder = pick(r, holders);
    switch (kind) {
      case 'share':
        ops.push({ op: 'convert', offset, length, to: 'shared' });
        break;
      case 'private':
        ops.push({ op: 'convert', offset, length, to: 'private' });
        break;
      case 'guest':
        ops.push({ op: 'guestAccess', offset, write: r() < 0.5 });
        break;
      case 'host':
        ops.push({ op: 'hostAccess', offset, write: r() < 0.5 });
        break;
      case 'pin':
        ops.push({ op: 'pin', offset, length: PAGE, holder });
        break;
      case 'unpin':
        ops.push({ op: 'unpin', offset, length: PAGE, holder });
        break;
      case 'ref':
        ops.push({ op: 'getRef', offset, holder });
        break;
      case 'put':
        ops.push({ op: 'putRef', offset, holder });
        break;
      case 'punch':
        ops.push({ op: 'punchHole', offset, length });
        break;
      case 'alloc':
        ops.push({ op: 'allocate', offset, length });
        break;
      default:
        ops.push({ op: 'madviseDontneed', offset, length });
        break;
    }
  }
  return ops;
}
