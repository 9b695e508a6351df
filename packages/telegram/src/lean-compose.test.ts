import { Composer, Context, type MiddlewareFn } from 'telegraf';
import { createBot } from './bot';
import { leanCompose } from './lean-compose';

type Step = MiddlewareFn<Context>;

const contextOf = (): Context =>
  new Context({ update_id: 1 } as never, {} as never, {} as never) as unknown as Context;

describe('leanCompose, telegraf Composer.compose with fewer allocations', () => {
  it('runs the steps in order, each around the rest, and settles after the last', async () => {
    const seen: string[] = [];
    const step =
      (name: string): Step =>
      async (_ctx, next) => {
        seen.push(`${name} in`);
        await next();
        seen.push(`${name} out`);
      };
    const end = jest.fn(async () => {
      await null;
      seen.push('end');
    });

    await leanCompose([step('a'), new Composer(step('b')), step('c')])(contextOf(), end);

    expect(seen).toEqual(['a in', 'b in', 'c in', 'end', 'c out', 'b out', 'a out']);
  });

  it('runs a chain composed into another in place, as Composer.use builds them', async () => {
    const seen: string[] = [];
    const composer = new Composer<Context>();
    for (const name of ['a', 'b', 'c'])
      composer.use(async (_ctx, next) => {
        seen.push(name);
        await next();
        seen.push(`/${name}`);
      });
    await leanCompose([composer.middleware(), (() => void seen.push('d')) as Step])(
      contextOf(),
      async () => void seen.push('end'),
    );
    expect(seen).toEqual(['a', 'b', 'c', 'd', '/c', '/b', '/a']);
  });

  it('stops where a step does not call next', async () => {
    const last = jest.fn();
    await leanCompose<Context>([async () => undefined, last])(contextOf(), async () => undefined);
    expect(last).not.toHaveBeenCalled();
  });

  it('passes a context given to next on', async () => {
    const other = contextOf();
    let got: Context | undefined;
    await leanCompose<Context>([
      (_ctx, next) => (next as (ctx: Context) => Promise<void>)(other),
      (ctx) => {
        got = ctx;
      },
    ])(contextOf(), async () => undefined);
    expect(got).toBe(other);
  });

  it('rejects, never throws, on a throwing step, next called twice, or no context', async () => {
    const ctx = contextOf();
    const noop = async () => undefined;
    const throwing = leanCompose<Context>([
      () => {
        throw new Error('boom');
      },
      noop,
    ]);
    await expect(throwing(ctx, noop)).rejects.toThrow('boom');
    const twice = leanCompose<Context>([
      async (_ctx, next) => {
        await next();
        await next();
      },
      noop,
    ]);
    await expect(twice(ctx, noop)).rejects.toThrow('next() called multiple times');
    const invalid = leanCompose<Context>([noop, noop]);
    await expect(invalid({} as Context, noop)).rejects.toThrow('next(ctx) called with invalid context');
  });

  it('is what Composer builds with once the bot module is loaded', () => {
    expect(createBot).toBeInstanceOf(Function);
    expect(Composer.compose).toBe(leanCompose);
  });
});
