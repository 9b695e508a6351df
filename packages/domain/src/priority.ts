// The priorities are code: a fixed set of four that the buttons (p1..p4), the list filters (r1..r4),
// quick-add's !words and the texts all name. The id is what tasks.priority_id stores and callback
// data carry; a higher id is more urgent, which is the order lists sort by. The priorities table
// holds the same four rows only so that its foreign key keeps other ids out of tasks; a migration
// seeds it, and a new priority means a migration together with a change here.

export const PRIORITIES = [
  { id: 1, code: 'low' },
  { id: 2, code: 'normal' },
  { id: 3, code: 'high' },
  { id: 4, code: 'urgent' },
] as const;

export type Priority = (typeof PRIORITIES)[number];
export type PriorityId = Priority['id'];
export type PriorityCode = Priority['code'];

export const PRIORITY_CODES: readonly PriorityCode[] = PRIORITIES.map((priority) => priority.code);

/** 'normal': what a task gets when nobody chose, and what tasks.priority_id defaults to. */
export const DEFAULT_PRIORITY_ID: PriorityId = 2;

export function isPriorityId(value: number): value is PriorityId {
  return PRIORITIES.some((priority) => priority.id === value);
}

/** The code of a priority id; undefined for an id that is none of the four. */
export function priorityCodeOf(id: number): PriorityCode | undefined {
  return PRIORITIES.find((priority) => priority.id === id)?.code;
}

export function isPriorityCode(value: string): value is PriorityCode {
  return (PRIORITY_CODES as readonly string[]).includes(value);
}
