// The signed-in user's starred symbols, shared by the Overview (star toggles beside the tickers)
// and the Favourites tab. Without a session it is empty and toggling is disabled.
export interface StarsBackend {
  starred(): Promise<Array<{ symbol: string }>>;
  star(symbol: string): Promise<void>;
  unstar(symbol: string): Promise<void>;
}

export class Stars {
  private set_ = new Set<string>();
  private readonly listeners_: Array<() => void> = [];

  constructor(private readonly backend: StarsBackend | null) {}

  get enabled(): boolean {
    return this.backend !== null;
  }

  has(symbol: string): boolean {
    return this.set_.has(symbol);
  }

  list(): string[] {
    return [...this.set_].sort();
  }

  onChange(listener: () => void): void {
    this.listeners_.push(listener);
  }

  private emit(): void {
    for (const l of this.listeners_) l();
  }

  async load(): Promise<void> {
    if (this.backend === null) return;
    const rows = await this.backend.starred();
    this.set_ = new Set(rows.map((r) => r.symbol));
    this.emit();
  }

  /** Stars or unstars; the set changes only once the server agreed. Returns the new state. */
  async toggle(symbol: string): Promise<boolean> {
    if (this.backend === null) return false;
    if (this.set_.has(symbol)) {
      await this.backend.unstar(symbol);
      this.set_.delete(symbol);
    } else {
      await this.backend.star(symbol);
      this.set_.add(symbol);
    }
    this.emit();
    return this.set_.has(symbol);
  }
}
