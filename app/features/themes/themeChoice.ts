/** The colour themes: chosen in the header, stored in localStorage, default from the OS. */
export type ThemeName = 'light' | 'dark' | 'projector';

export const THEMES: readonly { id: ThemeName; label: string }[] = [
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
  { id: 'projector', label: 'Projector' },
];

export const THEME_KEY = 'folioscope.theme.v1';

const isTheme = (v: unknown): v is ThemeName => THEMES.some((t) => t.id === v);

/** The stored choice, else dark when the OS prefers it, else light. */
export function initialTheme(stored: string | null, prefersDark: boolean): ThemeName {
  if (isTheme(stored)) return stored;
  return prefersDark ? 'dark' : 'light';
}

function storedTheme(): string | null {
  try {
    return window.localStorage.getItem(THEME_KEY);
  } catch {
    return null;
  }
}

/** Reads the theme for this browser (storage, then prefers-color-scheme). */
export const browserTheme = (): ThemeName =>
  initialTheme(storedTheme(), window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);

/** Applies a theme to the document (CSS custom properties switch on data-theme). */
export function applyTheme(t: ThemeName, save: boolean): void {
  document.documentElement.dataset['theme'] = t;
  if (!save) return;
  try {
    window.localStorage.setItem(THEME_KEY, t);
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
}
