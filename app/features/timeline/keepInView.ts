/**
 * The scrollTop that brings an item into its scrolling list with the least movement (as
 * `block: 'nearest'` would), computed on the list alone so the page itself never jumps.
 * Positions are relative to the list's content box top.
 */
export function keepInView(
  scrollTop: number,
  viewHeight: number,
  itemTop: number,
  itemHeight: number,
): number {
  if (itemTop < scrollTop) return itemTop;
  if (itemTop + itemHeight > scrollTop + viewHeight) return Math.max(0, itemTop + itemHeight - viewHeight);
  return scrollTop;
}
