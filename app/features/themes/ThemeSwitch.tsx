import './projector.css';
import { useSyncExternalStore } from 'react';
import { appliedTheme, applyTheme, onThemeChange, THEMES, type ThemeName } from './themeChoice.ts';

/** The theme control: light, dark or projector (large contrast, for a beamer). */
export function ThemeSwitch() {
  // The theme shown, whoever applied it (this control, or a link that carried one).
  const theme = useSyncExternalStore(onThemeChange, appliedTheme);
  return (
    <label className="theme-switch">
      Theme{' '}
      <select value={theme} onChange={(e) => applyTheme(e.target.value as ThemeName, true)}>
        {THEMES.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
    </label>
  );
}
