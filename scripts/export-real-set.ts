/**
 * Writes the agreed real calendar items as labelled invite JSONL, for `invite-challenger eval`:
 *   npx tsx scripts/export-real-set.ts > real-labelled.jsonl
 */
import { realSet } from './labelled-sets.js';

for (const item of realSet()) console.log(JSON.stringify({ ...item.invite, label: item.label, sensitive: item.sensitive }));
