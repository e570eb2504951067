// Light/dark theme: the URL's theme wins, then the remembered choice, then prefers-color-scheme.
import type { Theme } from '../state/url_state';

const KEY = 'streams.theme';

export function storedTheme(): Theme | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

export function rememberTheme(t: Theme): void {
  try {
    localStorage.setItem(KEY, t);
  } catch {
    /* private mode: the URL still carries it */
  }
}

export function systemTheme(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function resolveTheme(fromUrl: Theme | null): Theme {
  return fromUrl ?? storedTheme() ?? systemTheme();
}

export function applyTheme(t: Theme): void {
  document.documentElement.dataset.theme = t;
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', t === 'dark' ? '#0f131c' : '#f5f7fb');
}
