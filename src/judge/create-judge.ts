import type { Config } from '../config.js';
import { EmbeddedJudge } from './embedded-judge.js';
import { GuardedJudge } from './guarded-judge.js';
import type { Judge } from './judge.js';

/** The one place that turns configuration into a judge. Every judge it returns is guarded. */
export function createJudge(config: Config): Judge {
  const embedded = new EmbeddedJudge(config.cost);
  switch (config.judge) {
    case 'embedded':
      return new GuardedJudge(embedded);
    default:
      throw new Error(`The ${config.judge} judge is not available yet (available: embedded)`);
  }
}
