import { imageNodeOptions } from './processes';

describe('the services run with the image’s NODE_OPTIONS', () => {
  it('reads them from the service image', () => {
    expect(imageNodeOptions()).toMatch(/^--max-old-space-size=\d+/);
  });

  it('reads the ENV line, and says so when there is none', () => {
    expect(imageNodeOptions('FROM x\nENV NODE_OPTIONS="--max-old-space-size=64"\nUSER node\n')).toBe(
      '--max-old-space-size=64',
    );
    expect(() => imageNodeOptions('FROM x\nENV NODE_ENV=production\n')).toThrow('sets no ENV NODE_OPTIONS');
  });
});
