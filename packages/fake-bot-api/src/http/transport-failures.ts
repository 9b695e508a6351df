import type { IncomingMessage, ServerResponse } from 'node:http';
import { SERVER_ERROR_TEXT } from '../failures';
import type { InjectedFailure } from '../types';

// The page nginx (in front of api.telegram.org) answers when the Bot API behind it is down.
const proxyPage = (code: 500 | 502): string => {
  const title = `${code} ${SERVER_ERROR_TEXT[code]}`;
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
    `<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
  );
};

/**
 * Carries out an injected failure that is not a Bot API answer; false when the call still needs
 * its JSON answer. The request body has been read by then, so a reset cannot be mistaken for an
 * upload that was cut short.
 */
export function answerTransportFailure(
  request: IncomingMessage,
  response: ServerResponse,
  injected: InjectedFailure | undefined,
): boolean {
  const failure = injected?.failure;
  if (!failure) return false;
  if ('reset' in failure) {
    // A TCP RST, not a polite FIN: the client sees ECONNRESET, as when a proxy drops it.
    request.socket.resetAndDestroy();
    return true;
  }
  if ('hang' in failure) {
    // Held: no answer, ever. The client's timeout ends it, or the server's close(), which drops
    // every connection (closeAllConnections), so a stopping fake does not wait for it.
    return true;
  }
  if ('html' in failure) {
    const page = proxyPage(failure.code);
    response.writeHead(failure.code, {
      'content-type': 'text/html',
      'content-length': Buffer.byteLength(page),
      server: 'nginx',
    });
    response.end(page);
    return true;
  }
  return false;
}
