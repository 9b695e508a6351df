import { type CpuProfile, callTree, frameName, renderFlameGraph, topFrames } from './flame';

// Two samples of 1 ms each in `work`, one in `parse` under it, and idle time that is left out.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 4] },
    {
      id: 2,
      callFrame: { functionName: 'work', url: 'file:///repo/packages/worker/dist/worker.js', lineNumber: 9 },
      children: [3],
    },
    {
      id: 3,
      callFrame: {
        functionName: 'parse',
        url: 'file:///repo/node_modules/.pnpm/zod@4.0.0/node_modules/zod/v4/parse.js',
        lineNumber: 0,
      },
    },
    { id: 4, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
  ],
  samples: [2, 2, 3, 4, 4],
  timeDeltas: [0, 1000, 1000, 1000, 1000],
};

describe('flame graphs of CPU profiles', () => {
  it('names frames by where their code lives', () => {
    const [work, parse] = profile.nodes.slice(1).map((node) => frameName(node.callFrame));
    expect(work).toBe('work packages/worker/dist/worker.js:10');
    expect(parse).toBe('parse zod/v4/parse.js:1');
  });

  it('adds up sampled time per frame, leaving idle time out', () => {
    const tree = callTree(profile);
    expect(tree.totalMs).toBe(3);
    const [work] = tree.children;
    expect(work).toMatchObject({ selfMs: 2, totalMs: 3 });
    expect(work?.children[0]).toMatchObject({ selfMs: 1, totalMs: 1 });
    expect(topFrames(tree, 1)).toEqual([
      { name: 'work packages/worker/dist/worker.js:10', selfMs: 2, totalMs: 3 },
    ]);
  });

  it('draws each frame in proportion to its time', () => {
    const svg = renderFlameGraph(callTree(profile), 'test');
    expect(svg).toContain('<title>work packages/worker/dist/worker.js:10: 3 ms (100.0 %), own 2 ms</title>');
    expect(svg).toContain('width="400.00"');
  });
});
