import { type CallbackAction, decodeCallback, encodeCallback } from './callback-data';

const MAX = 2 ** 31 - 1;

describe('button data', () => {
  const actions: CallbackAction[] = [
    { action: 'done', taskId: 42 },
    { action: 'card', taskId: MAX, op: 'show' },
    { action: 'card', taskId: 1, op: 'done' },
    { action: 'card', taskId: 1, op: 'reopen' },
    { action: 'card', taskId: 1, op: 'priorityMenu' },
    { action: 'card', taskId: 1, op: 'priority', priorityId: 4 },
    { action: 'card', taskId: 1, op: 'projectMenu' },
    { action: 'card', taskId: 1, op: 'project', projectId: MAX },
    { action: 'card', taskId: 1, op: 'project', projectId: null },
    { action: 'card', taskId: 1, op: 'dueMenu' },
    { action: 'card', taskId: 1, op: 'due', preset: 'nextWeek' },
    { action: 'card', taskId: 1, op: 'due', preset: 'none' },
    { action: 'card', taskId: 1, op: 'edit' },
    { action: 'card', taskId: 1, op: 'deleteAsk' },
    { action: 'card', taskId: 1, op: 'delete' },
    { action: 'card', taskId: 1, op: 'deleteSeries' },
    { action: 'card', taskId: 1, op: 'repeatMenu' },
    { action: 'card', taskId: 1, op: 'repeat', preset: 'weekdays' },
    { action: 'card', taskId: 1, op: 'repeat', preset: 'none' },
    { action: 'card', taskId: 1, op: 'repeatAsk' },
    { action: 'card', taskId: 1, op: 'files' },
    { action: 'list', filter: { kind: 'recurring' }, page: 2 },
    { action: 'list', filter: { kind: 'all' }, page: 0 },
    { action: 'list', filter: { kind: 'project', projectId: MAX }, page: 9999 },
    { action: 'list', filter: { kind: 'priority', priorityId: 1 }, page: 3 },
    { action: 'filters', filter: { kind: 'today' } },
    { action: 'listDone', taskId: MAX, filter: { kind: 'project', projectId: MAX }, page: 9999 },
    { action: 'list', filter: { kind: 'done' }, page: 12 },
    { action: 'filters', filter: { kind: 'done' } },
    { action: 'listReopen', taskId: MAX, page: 9999 },
    { action: 'projects' },
    { action: 'projectNew' },
    { action: 'projectRename', projectId: 5 },
    { action: 'projectArchive', projectId: 5 },
    { action: 'settings', op: 'menu' },
    { action: 'settings', op: 'language', language: 'ru' },
    { action: 'settings', op: 'timeZone' },
    { action: 'settings', op: 'leadMenu' },
    { action: 'settings', op: 'lead', minutes: 10_080 },
    { action: 'settings', op: 'digestMenu' },
    { action: 'settings', op: 'digest', time: '08:30' },
    { action: 'settings', op: 'digest', time: null },
    { action: 'settings', op: 'digestAsk' },
    { action: 'settings', op: 'quietMenu' },
    { action: 'settings', op: 'quiet', start: '22:00', end: '07:00' },
    { action: 'settings', op: 'quiet', start: null, end: null },
    { action: 'settings', op: 'quietAsk' },
  ];

  it.each(actions)('round-trips %p within 64 bytes', (action) => {
    const data = encodeCallback(action);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(decodeCallback(data)).toEqual(action);
  });

  it('keeps decoding the data of buttons sent by earlier releases', () => {
    expect(decodeCallback('d:7')).toEqual({ action: 'done', taskId: 7 });
  });

  it.each([
    undefined,
    '',
    'd:',
    'd:0',
    'd:-1',
    'd:01',
    'd:1.5',
    'd:99999999999',
    'd:2147483648',
    'x:1',
    'd:1:extra',
    `d:${'1'.repeat(70)}`,
    '__proto__',
    'c:1:',
    'c:1:p5',
    'c:1:p0',
    'c:1:wz',
    'c:1:rz',
    'c:1:r1',
    'c:1:j2147483648',
    'c:1:constructor',
    'c:1:toString',
    'c:0:d',
    'l:a',
    'l:a:10000',
    'l:p0:1',
    'l:r5:0',
    'l:x:0',
    'ld:1:a',
    'lr:1',
    'lr:0:0',
    'lr:1:d:0',
    'lr:1:10000',
    'l:dd:0',
    'pj:r:0',
    'pj:x:1',
    's:l:de',
    's:ld:10081',
    's:dg:2400',
    's:dg:0860',
    's:q:2200',
    's:q:2200-0760',
    's:constructor',
    'r:1',
    'z:1:15m',
  ])('refuses malformed or foreign data %p', (data) => {
    expect(decodeCallback(data)).toBeUndefined();
  });
});
