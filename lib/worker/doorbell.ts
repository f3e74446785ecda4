/** Lets the claim loop sleep until its poll interval passes or something frees a slot, whichever is first. */
export class Doorbell {
  private waiting: (() => void) | undefined;
  private rung = false;

  ring(): void {
    this.rung = true;
    this.waiting?.();
  }

  wait(ms: number): Promise<void> {
    if (this.rung) {
      this.rung = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting = undefined;
        this.rung = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiting = done;
    });
  }
}
