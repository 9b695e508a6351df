import { leadMinutesFor, leadTimeOwner, remindAtFor } from './reminder-time';

describe('reminder time', () => {
  it('uses the lead time of the assignee, else of the author', () => {
    expect(leadTimeOwner({ authorId: 1, assigneeId: 2 })).toBe(2);
    expect(leadTimeOwner({ authorId: 1, assigneeId: null })).toBe(1);
  });

  it('has no owner for a task whose author was forgotten and nobody is assigned', () => {
    expect(leadTimeOwner({ authorId: null, assigneeId: 2 })).toBe(2);
    expect(leadTimeOwner({ authorId: null, assigneeId: null })).toBeNull();
  });

  it('falls back to the default when the owner chose no lead time', () => {
    expect(leadMinutesFor(30, 15)).toBe(30);
    expect(leadMinutesFor(0, 15)).toBe(0);
    expect(leadMinutesFor(null, 15)).toBe(15);
    expect(leadMinutesFor(undefined, 15)).toBe(15);
  });

  it('rings the lead time before the due time, and never for a task with no due time', () => {
    const due = new Date('2027-04-01T10:00:00Z');
    expect(remindAtFor(due, 45)).toEqual(new Date('2027-04-01T09:15:00Z'));
    expect(remindAtFor(due, 0)).toEqual(due);
    expect(remindAtFor(null, 45)).toBeNull();
  });
});
