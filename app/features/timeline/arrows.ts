/**
 * The core's event details write a change as "2M -> 4K" (ASCII, for the 80-column text
 * trace); on screen a line break may fall inside "->", leaving "2M -" and "> 4K" on two lines
 * of a slide. The pictures show the arrow as one glyph.
 * @example arrows('2M -> 4K folios') // '2M → 4K folios'
 */
export const arrows = (text: string): string => text.replaceAll(' -> ', ' → ');
