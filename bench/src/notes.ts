// What holds a missed target back and what would move it, shown under the table for each target
// the run missed. Written from what the runs on the development machine showed.

export const MISSED_TARGET_NOTES: Record<string, string> = {};
