import { commandOfMessage, parseCommand } from './command';

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

describe('the command of a message', () => {
  it('reads the text, or the caption of a file', () => {
    expect(commandOfMessage({ text: '/tasks' })).toEqual({ name: 'tasks', args: '' });
    expect(commandOfMessage({ caption: '/add Fix the sink' }, 'TaskBot')).toEqual({
      name: 'add',
      args: 'Fix the sink',
    });
  });

  it('finds none in a plain caption, a file without one, or a caption for another bot', () => {
    expect(commandOfMessage({ caption: 'a photo of the sink' })).toBeUndefined();
    expect(commandOfMessage({})).toBeUndefined();
    expect(commandOfMessage({ caption: '/add@OtherBot x' }, 'TaskBot')).toBeUndefined();
  });
});
