/** Thrown into work that was still waiting (a late answer, a long poll) when the fake stopped. */
export class StoppedError extends Error {
  constructor() {
    super('the fake Bot API stopped');
    this.name = 'StoppedError';
  }
}
