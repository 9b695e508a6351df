import express from 'express';

// The ceiling for the gateway: an Express app that parses the same webhook requests and answers
// 200 at once, doing nothing else.

const app = express();
app.use(express.json({ limit: '1mb' }));
app.post('/telegram/webhook', (_req, res) => {
  res.sendStatus(200);
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(JSON.stringify({ message: 'started' }));
});
server.keepAliveTimeout = 30_000;
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
