import { main } from '../src/cli.js';

/**
 * The CLI as `bin/invite-challenger.js` runs it, reporting its own peak resident memory on stderr
 * at the end: `node dist/bench/peak-rss.js check --json big.jsonl`. The end-to-end benchmark runs
 * it to show that memory stays flat as the input grows.
 */
const status = await main(process.argv.slice(2));
process.stderr.write(`peak-rss-kib ${process.resourceUsage().maxRSS}\n`);
process.exitCode = status;
