/// <reference types="office-js" />
/**
 * Entry point of launchevent.js / launchevent.html (manifest Runtimes): registers every handler
 * under the FunctionName the manifest names. No DOM, no dynamic import (classic Windows runtime).
 */
import { launchEventHandlers } from './launch-event.js';

for (const [name, handler] of Object.entries(launchEventHandlers)) {
  Office.actions.associate(name, handler);
}
