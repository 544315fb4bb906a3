// One section visible at a time, with Dalje/Nazad; tells when every section has been seen.

export class Pager {
  private current = 0;
  private readonly seen = new Set<number>();

  constructor(
    private readonly sections: HTMLElement[],
    private readonly prev: HTMLButtonElement | null,
    private readonly next: HTMLButtonElement | null,
    private readonly progress: HTMLElement | null,
    private readonly onChange: (index: number) => void,
  ) {
    prev?.addEventListener("click", () => this.show(this.current - 1));
    next?.addEventListener("click", () => this.show(this.current + 1));
    this.show(0);
  }

  get allSeen(): boolean {
    return this.seen.size === this.sections.length;
  }

  get index(): number {
    return this.current;
  }

  get total(): number {
    return this.sections.length;
  }

  get seenPages(): number[] {
    return [...this.seen].sort((a, b) => a - b);
  }

  /** Back where the last session left off: the pages seen then, and the page shown. */
  restore(page: number, seen: readonly number[]): void {
    for (const index of seen) if (index >= 0 && index < this.sections.length) this.seen.add(index);
    this.show(Math.min(Math.max(page, 0), this.sections.length - 1));
  }

  show(index: number): void {
    if (index < 0 || index >= this.sections.length) return;
    this.current = index;
    this.seen.add(index);
    this.sections.forEach((section, i) => {
      section.hidden = i !== index;
      if (i !== index) section.querySelectorAll("video").forEach((video) => video.pause());
    });
    if (this.prev) this.prev.disabled = index === 0;
    if (this.next) this.next.disabled = index === this.sections.length - 1;
    if (this.progress) this.progress.textContent = `${index + 1} / ${this.sections.length}`;
    const heading = this.sections[index]?.querySelector<HTMLElement>("h1, h2, h3");
    // Markdown headings are not focusable by default; -1 lets focus move there without adding a Tab stop.
    if (heading && !heading.hasAttribute("tabindex")) heading.tabIndex = -1;
    heading?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
    this.onChange(index);
  }
}
