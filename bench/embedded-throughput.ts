import { classifyInvite } from '../src/core/classifier/embedded-classifier.js';
import { parseInvite } from '../src/core/invite.js';
import { guardVerdict } from '../src/core/sensitivity/sensitivity-guard.js';

/**
 * Embedded judge throughput in one process: 10,000 invite lines parsed, validated and judged,
 * against plain JSON.parse of the same lines as the floor.
 */

export interface ThroughputFigures {
  invites: number;
  jsonParsePerSecond: number;
  judgedPerSecond: number;
  /** The judge alone, on invites already parsed and validated. */
  judgeOnlyPerSecond: number;
  /** The judge and the sensitivity guard, as the CLI runs them. */
  guardedPerSecond: number;
  ratioToJsonParse: number;
  largeHtmlMilliseconds: number;
}

function bestOf(rounds: number, work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

export function measureEmbeddedThroughput(sourceLines: string[], count = 10_000): ThroughputFigures {
  const lines = Array.from({ length: count }, (_, index) => {
    const record = JSON.parse(sourceLines[index % sourceLines.length]!) as Record<string, unknown>;
    return JSON.stringify({ ...record, id: `bench-${index}` });
  });

  let sink = 0;
  const parseOnly = () => {
    for (const line of lines) sink += (JSON.parse(line) as { durationMinutes: number }).durationMinutes;
  };
  const judgeAll = () => {
    for (const line of lines) sink += classifyInvite(parseInvite(JSON.parse(line))).confidence;
  };
  // A fresh copy of the invites for every round: the judge remembers what it read of an invite
  // object, and a benchmark that judged the same objects twice would measure that memory.
  const rounds = Array.from({ length: 6 }, () => lines.map((line) => parseInvite(JSON.parse(line))));
  let round = 0;
  const judgeOnly = () => {
    for (const invite of rounds[round++]!) sink += classifyInvite(invite).confidence;
  };
  const judgeGuarded = () => {
    for (const invite of rounds[round++]!) sink += guardVerdict(invite, classifyInvite(invite)).confidence;
  };
  judgeAll(); // warm-up: regular expressions and the JIT
  const parseMs = bestOf(5, parseOnly);
  const judgeMs = bestOf(3, judgeAll);
  const judgeOnlyMs = bestOf(3, judgeOnly);
  const guardedMs = bestOf(3, judgeGuarded);

  const largeBody = `<html><body>${'<p>Status of the migration &amp; next steps for <b>every</b> team</p><ul><li>Item</li></ul>'.repeat(11_000)}</body></html>`;
  const large = parseInvite({ subject: 'Migration readout', body: largeBody, start: '2025-06-02T10:00:00Z', durationMinutes: 30 });
  const largeHtmlMilliseconds = bestOf(3, () => {
    sink += classifyInvite({ ...large }).confidence;
  });
  if (Number.isNaN(sink)) throw new Error('unreachable: keeps the work from being optimised away');

  return {
    invites: count,
    jsonParsePerSecond: (count / parseMs) * 1000,
    judgedPerSecond: (count / judgeMs) * 1000,
    judgeOnlyPerSecond: (count / judgeOnlyMs) * 1000,
    guardedPerSecond: (count / guardedMs) * 1000,
    ratioToJsonParse: judgeMs / parseMs,
    largeHtmlMilliseconds,
  };
}
