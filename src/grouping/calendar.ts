/**
 * An adult's published groups as an iCalendar feed (RFC 5545), for calendar
 * apps. Times are floating (the school's wall-clock time, no zone), as the day
 * setup states them. Each event's UID is stable per team, date, block and
 * adult, so a calendar updates the event when a plan is published again.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { StaffBlock } from './personal-day.ts';

const at = (date: string, time: string) => new Date(`${date}T${time}:00Z`);

export function staffCalendar(staff: { id: string; name: string }, blocks: readonly StaffBlock[], host: string): string {
  const calendar = ical({ name: `Trellis groups — ${staff.name}`, prodId: { company: 'Trellis', product: 'team-day', language: 'EN' }, method: ICalCalendarMethod.PUBLISH });
  for (const item of blocks) {
    const focus = item.focusSkill ? `${item.focusSkill.code ?? item.focusSkill.name} — ` : '';
    const where = item.place.kind === 'group' ? `${staff.name}'s group` : `${item.place.name} (supervising)`;
    calendar.createEvent({
      id: `${item.team.id}/${item.date}/${item.block.id}/${staff.id}@trellis`,
      start: at(item.date, item.block.start),
      end: at(item.date, item.block.end),
      floating: true,
      summary: `${focus}${where} (${item.students.length})`,
      description: [`${item.team.name}, ${item.block.name}`, ...item.students.map((student) => `- ${student.name}`)].join('\n'),
      location: item.team.name,
      url: host ? `${host}/teams/${encodeURIComponent(item.team.id)}/day/${item.date}` : null,
    });
  }
  return calendar.toString();
}
