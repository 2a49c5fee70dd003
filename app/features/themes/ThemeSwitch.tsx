import './projector.css';
import { useState } from 'react';
import { applyTheme, browserTheme, THEMES, type ThemeName } from './themeChoice.ts';

/** The theme control: light, dark or projector (large contrast, for a beamer). */
export function ThemeSwitch() {
  const [theme, setTheme] = useState<ThemeName>(() => browserTheme());
  const choose = (t: ThemeName) => {
    setTheme(t);
    applyTheme(t, true);
  };
  return (
    <label className="theme-switch">
      Theme{' '}
      <select value={theme} onChange={(e) => choose(e.target.value as ThemeName)}>
        {THEMES.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
    </label>
  );
}
