#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ after `npm run build`.
import { main } from '../dist/src/cli.js';

// `invite-challenger check big.jsonl | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`invite-challenger: cannot write output (${error.code ?? error.message})\n`);
  process.exit(1);
});

process.exitCode = await main(process.argv.slice(2));
