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

const listeners = new Set<() => void>();

/** The theme shown now (a link may show one without storing it as the viewer's choice). */
export const appliedTheme = (): ThemeName => {
  const t = document.documentElement.dataset['theme'];
  return isTheme(t) ? t : 'light';
};

/** Calls `f` whenever a theme is applied; returns the unsubscribe (useSyncExternalStore). */
export function onThemeChange(f: () => void): () => void {
  listeners.add(f);
  return () => void listeners.delete(f);
}

/**
 * Applies a theme to the document (CSS custom properties switch on data-theme); `save` makes
 * it this browser's choice (a theme that came with a link is shown, not saved).
 */
export function applyTheme(t: ThemeName, save: boolean): void {
  document.documentElement.dataset['theme'] = t;
  listeners.forEach((f) => f());
  if (!save) return;
  try {
    window.localStorage.setItem(THEME_KEY, t);
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
}
