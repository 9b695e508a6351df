import type { ChannelModel } from 'amqplib';
import { batchSocketWrites } from './publisher-writes';

/** amqplib's connection as far as batchSocketWrites reaches: a socket and a Mux writing to it. */
function connectionModel() {
  const calls: string[] = [];
  const stream = {
    cork: () => calls.push('cork'),
    uncork: () => calls.push('uncork'),
    write: (chunk: string) => calls.push(`write ${chunk}`),
  };
  const muxer = {
    pending: ['a', 'b', 'c'],
    _readIncoming(this: { pending: string[] }) {
      for (const chunk of this.pending.splice(0)) stream.write(chunk);
    },
  };
  const model = { connection: { stream, muxer } } as unknown as ChannelModel;
  return { model, muxer, calls };
}

describe('batchSocketWrites', () => {
  it('hands the writes of one pass of the Mux to a corked socket, in order, once patched', () => {
    const { model, muxer, calls } = connectionModel();
    expect(batchSocketWrites(model)).toBe(true);
    expect(batchSocketWrites(model)).toBe(true);
    muxer._readIncoming();
    expect(calls).toEqual(['cork', 'write a', 'write b', 'write c', 'uncork']);
  });

  it('uncorks even when the Mux throws', () => {
    const { model, muxer, calls } = connectionModel();
    batchSocketWrites(model);
    muxer.pending = null as unknown as string[];
    expect(() => muxer._readIncoming()).toThrow();
    expect(calls).toEqual(['cork', 'uncork']);
  });

  it('changes nothing when amqplib is not shaped as expected', () => {
    expect(batchSocketWrites({} as ChannelModel)).toBe(false);
    expect(batchSocketWrites({ connection: { stream: {}, muxer: {} } } as unknown as ChannelModel)).toBe(
      false,
    );
  });
});
