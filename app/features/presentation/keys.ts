/** Presentation mode's keys: those a presenter's clicker sends, plus a few from the keyboard. */
export type PresenterAction = 'next' | 'previous' | 'first' | 'last' | 'blank' | 'speaker' | 'exit';

const KEYS: Readonly<Record<string, PresenterAction>> = {
  PageDown: 'next',
  ArrowRight: 'next',
  ArrowDown: 'next',
  ' ': 'next',
  PageUp: 'previous',
  ArrowLeft: 'previous',
  ArrowUp: 'previous',
  Home: 'first',
  End: 'last',
  '.': 'blank',
  b: 'blank',
  s: 'speaker',
  Escape: 'exit',
  v: 'exit',
};

/** The key table, for the on-screen hint and the help. */
export const PRESENTER_KEYS: readonly [string, string][] = [
  ['Page Down, →, ↓, Space', 'Next step'],
  ['Page Up, ←, ↑', 'Previous step'],
  ['Home / End', 'First or last step'],
  ['. or b', 'Blank the screen (again: show it)'],
  ['s', 'Open the speaker view (a second window that drives this one)'],
  ['Esc or v', 'Leave presentation mode'],
];

export function presenterAction(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): PresenterAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  return KEYS[e.key];
}
