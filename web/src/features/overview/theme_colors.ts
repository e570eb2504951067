// Chart colours per theme; CSS variables style the rest of the page.
import type { Theme } from '../../state/url_state';

export interface ChartColors {
  background: string;
  text: string;
  grid: string;
  border: string;
  crosshair: string;
  up: string;
  down: string;
  volumeUp: string;
  volumeDown: string;
  navigatorFill: string;
}

export function chartColors(theme: Theme): ChartColors {
  return theme === 'dark'
    ? {
        background: '#131722',
        text: '#b2b5be',
        grid: 'rgba(42, 46, 57, 0.9)',
        border: '#2a2e39',
        crosshair: '#758696',
        up: '#26a69a',
        down: '#ef5350',
        volumeUp: 'rgba(38, 166, 154, 0.45)',
        volumeDown: 'rgba(239, 83, 80, 0.45)',
        navigatorFill: 'rgba(41, 98, 255, 0.14)',
      }
    : {
        background: '#ffffff',
        text: '#4a5263',
        grid: 'rgba(224, 227, 235, 0.7)',
        border: '#e0e3eb',
        crosshair: '#9598a1',
        up: '#089981',
        down: '#f23645',
        volumeUp: 'rgba(8, 153, 129, 0.38)',
        volumeDown: 'rgba(242, 54, 69, 0.38)',
        navigatorFill: 'rgba(41, 98, 255, 0.10)',
      };
}

/** Distinct series colours, readable on both backgrounds. */
export const PALETTE = ['#2962ff', '#e91e63', '#00897b', '#f57c00', '#7e57c2', '#0097a7', '#9e9d24', '#6d4c41'];

export function colorFor(index: number): string {
  return PALETTE[index % PALETTE.length] as string;
}
