// Docker HEALTHCHECK (the slim Debian image has no curl): GET /healthz on this service's port, exit 0 on 200.
// The gateway serves it on PORT, each worker and the ops app on its own HEALTH_PORT; the defaults match
// the services'.
const { name } = require('./package.json');

const DEFAULT_PORTS = {
  gateway: 8080,
  'command-worker': 8081,
  'callback-worker': 8082,
  '@taskbot/ops': 8083,
};

// Telegram's local stand-in (compose's sandbox service) answers on SANDBOX_PORT.
const SANDBOX = { name: '@taskbot/sandbox', port: 8090 };

const port =
  name === SANDBOX.name
    ? process.env.SANDBOX_PORT || SANDBOX.port
    : (name === 'gateway' ? process.env.PORT : process.env.HEALTH_PORT) || DEFAULT_PORTS[name];

fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
