import type { ChannelModel } from 'amqplib';

// amqplib writes every frame batch of every channel to the socket with its own write() (its Mux
// reads the channels' buffers in turn, in a setImmediate after they fill): a gateway publishing
// the updates of one turn of the event loop made one system call per publish, about a tenth of its
// CPU per webhook request. Corking the socket while the Mux empties the buffers hands the same
// bytes, in the same order, to the kernel in one writev. Nothing waits longer: the socket is
// uncorked before the Mux returns, and its backpressure ('drain') works as before.

/** The parts of amqplib's connection this reaches for (not in its types; checked before use). */
interface Muxer {
  _readIncoming(): void;
}
interface Socketish {
  cork(): void;
  uncork(): void;
}

const batched = new WeakSet<object>();

/**
 * Makes the connection's writes of one Mux pass one system call. Returns false (and changes
 * nothing) when amqplib's internals are not shaped as expected, so an upgrade can only lose the
 * batching, never a message.
 */
export function batchSocketWrites(model: ChannelModel): boolean {
  const connection = (model as unknown as { connection?: { stream?: unknown; muxer?: unknown } }).connection;
  const stream = connection?.stream as Partial<Socketish> | undefined;
  const muxer = connection?.muxer as Partial<Muxer> | undefined;
  if (
    typeof stream?.cork !== 'function' ||
    typeof stream.uncork !== 'function' ||
    typeof muxer?._readIncoming !== 'function'
  ) {
    return false;
  }
  if (batched.has(muxer)) return true;
  const socket = stream as Socketish;
  const readIncoming = muxer._readIncoming;
  muxer._readIncoming = function readIncomingCorked(this: Muxer): void {
    socket.cork();
    try {
      readIncoming.call(this);
    } finally {
      socket.uncork();
    }
  };
  batched.add(muxer);
  return true;
}
