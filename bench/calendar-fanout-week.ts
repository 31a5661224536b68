import { fakeGraphEvent, type FakeGraphEvent } from '../test/fakes/fake-graph.js';

/** A user's week for the fan-out benchmark: `events` meetings Monday to Friday, the first `series × 5` of them occurrences of daily series. */
export function fanoutWeekOf(user: string, events: number, series: number): FakeGraphEvent[] {
  const list: FakeGraphEvent[] = [];
  for (let index = 0; index < series; index++) {
    list.push({
      ...fakeGraphEvent({ id: `${user}-series-${index}`, start: '2026-01-05T08:00:00Z', type: 'seriesMaster' }),
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] } },
    });
  }
  for (let index = 0; index < events; index++) {
    const day = 1 + (index % 5);
    const hour = 8 + Math.floor(index / 5);
    const seriesIndex = series > 0 && index < series * 5 ? Math.floor(index / 5) : undefined;
    list.push(
      fakeGraphEvent({
        id: `${user}-e${index}`,
        subject: seriesIndex === undefined ? `Meeting ${index}` : `Standup ${seriesIndex}`,
        start: `2026-06-0${day}T${String(hour).padStart(2, '0')}:00:00Z`,
        minutes: 30,
        ...(seriesIndex === undefined ? {} : { type: 'occurrence' as const, seriesMasterId: `${user}-series-${seriesIndex}` }),
      }),
    );
  }
  return list; // calendarView does not list the masters (January); they are read by id
}
