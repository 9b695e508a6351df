// Talks to the bot through the sandbox's chat API, as the chat page does (apps/sandbox/src/page-routes.ts):
//   node scripts/sandbox-say.js <sandbox url> <text> <expected> [seconds]
// Alice sends <text> in her private chat; exits 0 and prints the bot's reply once a message from the
// bot after hers contains <expected>, 1 when none does within [seconds] (default 60).
const [url, text, expected, seconds = '60'] = process.argv.slice(2);
const USER = 700_000_001; // Alice, apps/sandbox/src/world.ts; her private chat has her id.

async function api(path, body) {
  const response = await fetch(new URL(path, url), {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(data)}`);
  return data;
}

async function main() {
  const sent = await api('/api/messages', { userId: USER, chatId: USER, text });
  const deadline = Date.now() + Number(seconds) * 1000;
  let replies = [];
  while (Date.now() < deadline) {
    const state = await api('/api/state');
    replies = (state.messages[String(USER)] ?? []).filter(
      (m) => m.from?.id === state.bot.id && m.message_id > sent.message.message_id,
    );
    const found = replies.find((m) => (m.text ?? m.caption ?? '').includes(expected));
    if (found) {
      console.log(found.text ?? found.caption);
      return 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.error(`no reply containing ${JSON.stringify(expected)} within ${seconds} s; the bot said:`);
  for (const m of replies) console.error(`  ${JSON.stringify(m.text ?? m.caption)}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(String(error));
    process.exit(1);
  },
);
