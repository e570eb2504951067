// Toggle buttons for the chart markers (holidays, early closes, earnings, splits, dividends),
// bound to the `markers` list of the URL state by the owner.
import { MARKER_KINDS, type MarkerKind } from '../state/url_state';
import { h } from './dom';
import { MARKER_LABELS } from './markers';

export class MarkerToggles {
  readonly el: HTMLElement;
  private readonly buttons_ = new Map<MarkerKind, HTMLButtonElement>();

  constructor(
    name: string,
    private readonly onChange: (kinds: MarkerKind[]) => void,
  ) {
    this.el = h('div', { class: 'marker-toggles', role: 'group', 'aria-label': 'Chart markers', 'data-name': name });
    for (const kind of MARKER_KINDS) {
      const b = h('button', { type: 'button', class: `toggle marker-toggle marker-${kind}`, 'aria-pressed': 'false', 'data-kind': kind }, MARKER_LABELS[kind]);
      b.addEventListener('click', () => {
        const on = b.getAttribute('aria-pressed') !== 'true';
        b.setAttribute('aria-pressed', String(on));
        this.onChange(this.value());
      });
      this.buttons_.set(kind, b);
      this.el.append(b);
    }
  }

  value(): MarkerKind[] {
    return MARKER_KINDS.filter((k) => this.buttons_.get(k)?.getAttribute('aria-pressed') === 'true');
  }

  set(kinds: readonly MarkerKind[]): void {
    for (const [k, b] of this.buttons_) b.setAttribute('aria-pressed', String(kinds.includes(k)));
  }
}
