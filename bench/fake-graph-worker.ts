import { parentPort, workerData } from 'node:worker_threads';
import { startFakeGraph, type FakeGraphOptions } from '../test/fakes/fake-graph.js';
import { fanoutWeekOf } from './calendar-fanout-week.js';

/**
 * The fake Graph for the fan-out benchmark, on its own thread: its JSON work then does not
 * share the event loop (or the core) with the client being measured.
 */

interface WorkerSettings extends FakeGraphOptions {
  users: string[];
  eventsPerUser: number;
  seriesPerUser: number;
}

const settings = workerData as WorkerSettings;
const graph = await startFakeGraph(settings);
for (const user of settings.users) graph.addMailbox(user, fanoutWeekOf(user, settings.eventsPerUser, settings.seriesPerUser));

parentPort!.on('message', (message: string) => {
  if (message === 'reset') {
    graph.requests.length = 0;
    parentPort!.postMessage({ kind: 'reset' });
  } else if (message === 'stats') {
    parentPort!.postMessage({
      kind: 'stats',
      throttled: graph.requests.filter((request) => request.status === 429).length,
      maxThrottledPerMailbox: Math.max(0, ...countBy(graph.requests.filter((request) => request.status === 429 && request.mailbox).map((request) => request.mailbox!)).values()),
      concurrencyViolations: graph.concurrencyViolations,
      peakPerMailbox: graph.peakConcurrencyPerMailbox,
    });
  } else if (message === 'stop') {
    void graph.stop().then(() => parentPort!.close());
  }
});
parentPort!.postMessage({ kind: 'ready', url: graph.url, graphBaseUrl: graph.graphBaseUrl, tenantId: graph.tenantId, clientId: graph.clientId, clientSecret: graph.clientSecret });

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
