// Indicator SPECs for the Technical tab: parameter forms from the registry's metadata (defaults,
// types, inclusive ranges), validation, SPEC text in the analytics grammar, and the grouped,
// searchable list the picker shows. Pure functions.
import type { IndicatorMeta, IndicatorParamMeta } from '../../api/types';

export const MA_TYPES = ['SMA', 'EMA', 'WMA', 'DEMA', 'TEMA', 'TRIMA', 'KAMA', 'MAMA', 'T3'] as const;

/** Raw text per parameter name, as typed in the form. */
export type ParamTexts = Record<string, string>;

export type Checked = { ok: true; value: string } | { ok: false; error: string };

function numberText(v: number): string {
  return String(v);
}

export function defaultText(p: IndicatorParamMeta): string {
  return typeof p.default === 'number' ? numberText(p.default) : String(p.default);
}

function rangeText(p: IndicatorParamMeta): string {
  const lo = p.min ?? null;
  const hi = p.max ?? null;
  const fmt = (v: number) => (Math.abs(v) >= 1e30 ? (v < 0 ? '−∞' : '∞') : numberText(v));
  if (lo !== null && hi !== null) return `${fmt(lo)} … ${fmt(hi)}`;
  if (lo !== null) return `≥ ${fmt(lo)}`;
  if (hi !== null) return `≤ ${fmt(hi)}`;
  return '';
}

/** A human hint for the form: type and range or choices. */
export function paramHint(p: IndicatorParamMeta): string {
  if (p.type === 'matype') return 'moving-average type';
  if (p.type === 'choice') return (p.choices ?? []).join(' | ');
  if (p.type === 'bool') return 'true | false';
  const r = rangeText(p);
  const t = p.type === 'int' ? 'integer' : p.type === 'real' ? 'number' : 'text';
  return r === '' ? t : `${t}, ${r}`;
}

/** Checks one parameter's text against its type and range; the value is normalised for a SPEC. */
export function checkParam(p: IndicatorParamMeta, raw: string): Checked {
  const text = raw.trim();
  if (text === '') return { ok: false, error: `${p.name} is required` };
  const inRange = (v: number): Checked => {
    if (p.min !== undefined && p.min !== null && v < p.min) return { ok: false, error: `${p.name} must be ≥ ${numberText(p.min)}` };
    if (p.max !== undefined && p.max !== null && v > p.max) return { ok: false, error: `${p.name} must be ≤ ${numberText(p.max)}` };
    return { ok: true, value: numberText(v) };
  };
  switch (p.type) {
    case 'int':
    case 'matype': {
      if (!/^[+-]?\d+$/.test(text)) return { ok: false, error: `${p.name} must be a whole number` };
      const v = Number(text);
      if (p.type === 'matype' && (v < 0 || v > 8)) return { ok: false, error: `${p.name} must be one of the MA types 0 … 8` };
      return inRange(v);
    }
    case 'real': {
      const v = Number(text);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) || !Number.isFinite(v)) return { ok: false, error: `${p.name} must be a number` };
      return inRange(v);
    }
    case 'bool':
      return text === 'true' || text === 'false' ? { ok: true, value: text } : { ok: false, error: `${p.name} must be true or false` };
    case 'choice':
      return (p.choices ?? []).includes(text) ? { ok: true, value: text } : { ok: false, error: `${p.name} must be one of ${(p.choices ?? []).join(', ')}` };
    default:
      return /^[A-Za-z0-9_.:+-]+$/.test(text) ? { ok: true, value: text } : { ok: false, error: `${p.name} has characters a SPEC cannot hold` };
  }
}

export interface FormCheck {
  /** The SPEC when every parameter is valid, else null. */
  spec: string | null;
  errors: Record<string, string>;
}

/** Validates a whole form; the SPEC lists every parameter in the registry's order. */
export function checkForm(meta: IndicatorMeta, texts: ParamTexts): FormCheck {
  const errors: Record<string, string> = {};
  const parts: string[] = [];
  for (const p of meta.params) {
    const r = checkParam(p, texts[p.name] ?? defaultText(p));
    if (r.ok) parts.push(`${p.name}=${r.value}`);
    else errors[p.name] = r.error;
  }
  if (Object.keys(errors).length > 0) return { spec: null, errors };
  return { spec: parts.length === 0 ? meta.name : `${meta.name}(${parts.join(',')})`, errors };
}

/** `bbands(timeperiod=20,nbdevup=2)` → name and arguments; null when malformed. */
export function parseSpec(spec: string): { name: string; args: Record<string, string> } | null {
  const m = /^([a-z][a-z0-9_]*)(?:\((.*)\))?$/.exec(spec.trim());
  if (m === null) return null;
  const args: Record<string, string> = {};
  if (m[2] !== undefined && m[2] !== '') {
    for (const part of m[2].split(',')) {
      const eq = part.indexOf('=');
      if (eq <= 0) return null;
      args[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
  }
  return { name: m[1] as string, args };
}

/** Form texts for an existing SPEC (defaults for parameters it leaves out). */
export function textsFromSpec(meta: IndicatorMeta, spec: string): ParamTexts {
  const parsed = parseSpec(spec);
  const out: ParamTexts = {};
  for (const p of meta.params) out[p.name] = parsed?.args[p.name] ?? defaultText(p);
  return out;
}

/** Whether the Technical tab can chart it: date-aligned outputs from one ticker's bars. */
export function chartable(meta: IndicatorMeta): boolean {
  if (meta.source === 'talib') return !(meta.inputs ?? []).includes('periods');
  return meta.group === 'Support/Resistance';
}

export interface IndicatorGroup {
  group: string;
  items: IndicatorMeta[];
}

/** Chartable indicators matching the search text (name, description or group), grouped, in registry order within a group. */
export function groupIndicators(list: readonly IndicatorMeta[], query: string): IndicatorGroup[] {
  const q = query.trim().toLowerCase();
  const groups = new Map<string, IndicatorMeta[]>();
  for (const m of list) {
    if (!chartable(m)) continue;
    if (q !== '' && !m.name.includes(q) && !m.description.toLowerCase().includes(q) && !m.group.toLowerCase().includes(q)) continue;
    const g = groups.get(m.group) ?? [];
    g.push(m);
    groups.set(m.group, g);
  }
  const order = ['Overlap Studies', 'Support/Resistance', 'Momentum Indicators', 'Volatility Indicators', 'Volume Indicators'];
  const rank = (g: string) => {
    const i = order.indexOf(g);
    return i < 0 ? order.length : i;
  };
  return [...groups.entries()]
    .map(([group, items]) => ({ group, items }))
    .sort((a, b) => rank(a.group) - rank(b.group) || a.group.localeCompare(b.group));
}
