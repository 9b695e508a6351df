// The sandbox chat page's entry module. Plain JavaScript as ES modules the browser loads itself, so
// there is no build step; a module runs after the document is parsed, so every element exists here.
//
// One concern per module, and no import cycles, so each can be read on its own (→ what it imports,
// leaving out state.js and notices.js, which most use):
//   app.js           starts the page                                              → controls, events
//   controls.js      the fixed controls: composer, pickers, menu button, alert    → actions, api, render-*,
//                    and a message's ↪                                            forward-menu
//   forward-menu.js  the "Forward to…" dialog: the chats to forward a message to  → actions, render-page
//   events.js        the sandbox's event stream, applied to the state             → actions, render-*
//   render-page.js   chat list, pickers, command menu, the page's own words       → render-chat
//   render-chat.js   the open chat: header, messages, keyboards, reply bar        → actions, message-text
//   message-text.js  a message's text with Telegram's entities
//   actions.js       sending a message, pressing a button, forwarding             → api
//   api.js           the sandbox's chat API, fetch only
//   notices.js       the error line, toasts and the alert                         → message-text
//   state.js         what the page knows and the person's choices                 → texts
//   texts.js         the page's own words in English and Russian
import { bindControls } from './controls.js';
import { connect } from './events.js';
import { renderTexts } from './render-page.js';

renderTexts();
bindControls();
connect();
