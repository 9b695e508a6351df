import { parseCommand } from './command';

describe('reading a command from a message', () => {
  it.each([
    ['/add Buy milk', { name: 'add', args: 'Buy milk' }],
    ['/ADD  Buy milk  ', { name: 'add', args: 'Buy milk' }],
    ['/tasks', { name: 'tasks', args: '' }],
    ['/add@TaskBot Buy milk', { name: 'add', args: 'Buy milk' }],
    ['/add\nline one\nline two', { name: 'add', args: 'line one\nline two' }],
  ])('reads %p', (text, expected) => {
    expect(parseCommand(text, 'TaskBot')).toEqual(expected);
  });

  it('ignores commands addressed to another bot', () => {
    expect(parseCommand('/add@OtherBot x', 'TaskBot')).toBeUndefined();
  });

  it('does not take plain text for a command', () => {
    expect(parseCommand('Buy milk')).toBeUndefined();
    expect(parseCommand('/')).toBeUndefined();
  });
});
