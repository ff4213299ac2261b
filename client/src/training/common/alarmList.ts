/**
 * The control room's alarm list as the session answers `{type: 'alarm', action: 'list'}`
 * (server/alarms/processAlarms.ts), checked with zod on arrival so a console never renders a shape it does not
 * know, and the order the consoles show it in: priority first, then newest first.
 */
import { z } from 'zod';

export const ALARM_PRIORITIES = ['high', 'medium', 'low'] as const;
export type AlarmPriority = (typeof ALARM_PRIORITIES)[number];

const listedAlarmSchema = z.object({
  tag: z.string(),
  priority: z.enum(ALARM_PRIORITIES),
  message: z.string(),
  state: z.enum(['active', 'acknowledged', 'cleared']),
  /** Simulation times (s). */
  raisedAtS: z.number(),
  acknowledgedAtS: z.number().nullable(),
  clearedAtS: z.number().nullable(),
});
export type ListedAlarm = z.infer<typeof listedAlarmSchema>;

const alarmListSchema = z.object({ alarms: z.array(listedAlarmSchema), raisedLast10Min: z.number() });
export type AlarmList = z.infer<typeof alarmListSchema>;

/** The list from a command's result; null when the result is not one. */
export function parseAlarmList(result: unknown): AlarmList | null {
  const parsed = alarmListSchema.safeParse(result);
  return parsed.success ? { ...parsed.data, alarms: sortAlarms(parsed.data.alarms) } : null;
}

export function sortAlarms(alarms: readonly ListedAlarm[]): ListedAlarm[] {
  const rank = (a: ListedAlarm) => ALARM_PRIORITIES.indexOf(a.priority);
  return [...alarms].sort((a, b) => rank(a) - rank(b) || b.raisedAtS - a.raisedAtS);
}

/** Whether an alarm still waits for an operator's acknowledgement. */
export function needsAck(a: ListedAlarm): boolean {
  return a.acknowledgedAtS === null && a.state !== 'acknowledged';
}
