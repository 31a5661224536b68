#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ after `npm run build`.
import { main } from '../dist/src/cli.js';

process.exitCode = await main(process.argv.slice(2));
