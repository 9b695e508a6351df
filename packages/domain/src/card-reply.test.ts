import { encodeCallback } from './callback-data';
import { taskIdOfCard } from './card-reply';

const BOT = 42;
const button = (data: string) => ({ text: 'x', callback_data: data });
const card = (taskId: number) => [
  [button(encodeCallback({ action: 'card', taskId, op: 'done' })), button(`c:${taskId}:p`)],
  [button(`c:${taskId}:x`)],
];

describe('taskIdOfCard', () => {
  it('reads the task from the buttons of a card the bot sent', () => {
    expect(taskIdOfCard({ from: { id: BOT }, reply_markup: { inline_keyboard: card(17) } }, BOT)).toBe(17);
  });

  it('is undefined for a message of someone else, even with card buttons', () => {
    expect(
      taskIdOfCard({ from: { id: 7 }, reply_markup: { inline_keyboard: card(17) } }, BOT),
    ).toBeUndefined();
  });

  it('is undefined for a message without buttons, or with no card button', () => {
    expect(taskIdOfCard({ from: { id: BOT } }, BOT)).toBeUndefined();
    expect(
      taskIdOfCard({ from: { id: BOT }, reply_markup: { inline_keyboard: [[button('l:a:0')]] } }, BOT),
    ).toBeUndefined();
    expect(taskIdOfCard(undefined, BOT)).toBeUndefined();
  });

  it('is undefined for a message whose buttons name several tasks', () => {
    const keyboard = [...card(1), ...card(2)];
    expect(
      taskIdOfCard({ from: { id: BOT }, reply_markup: { inline_keyboard: keyboard } }, BOT),
    ).toBeUndefined();
  });

  it('ignores malformed button data', () => {
    const keyboard = [[button('c:0:d'), button('c:99999999999:d'), button('c:5:zz9'), button('c:8:o')]];
    expect(taskIdOfCard({ from: { id: BOT }, reply_markup: { inline_keyboard: keyboard } }, BOT)).toBe(8);
  });
});
