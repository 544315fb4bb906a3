// One section visible at a time, with Dalje/Nazad; tells when every section has been seen.

export class Pager {
  private index = 0;
  private readonly seen = new Set<number>();

  constructor(
    private readonly sections: HTMLElement[],
    private readonly prev: HTMLButtonElement | null,
    private readonly next: HTMLButtonElement | null,
    private readonly progress: HTMLElement | null,
    private readonly onChange: () => void,
  ) {
    prev?.addEventListener("click", () => this.show(this.index - 1));
    next?.addEventListener("click", () => this.show(this.index + 1));
    this.show(0);
  }

  get allSeen(): boolean {
    return this.seen.size === this.sections.length;
  }

  show(index: number): void {
    if (index < 0 || index >= this.sections.length) return;
    this.index = index;
    this.seen.add(index);
    this.sections.forEach((section, i) => {
      section.hidden = i !== index;
      if (i !== index) section.querySelectorAll("video").forEach((video) => video.pause());
    });
    if (this.prev) this.prev.disabled = index === 0;
    if (this.next) this.next.disabled = index === this.sections.length - 1;
    if (this.progress) this.progress.textContent = `${index + 1} / ${this.sections.length}`;
    this.sections[index]?.querySelector<HTMLElement>("h1, h2, h3")?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
    this.onChange();
  }
}
