/**
 * Runs tasks with the same key one after another, in the order they were given, while tasks with
 * different keys run side by side. This is how one worker keeps one chat's updates in order
 * without a slow chat holding up the others.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string | number, Promise<void>>();

  run(key: string | number | undefined, task: () => Promise<void>): Promise<void> {
    if (key === undefined) return task();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(task, task);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return current;
  }

  get activeKeys(): number {
    return this.tails.size;
  }
}
