import type { Invite } from '../core/invite.js';
import { draftThreadFromTemplate } from '../core/thread/template-drafter.js';
import type { AsyncThread, Verdict } from '../core/verdict.js';
import type { DraftRequestOptions, ThreadDrafter } from './thread-drafter.js';

/** The offline drafter: deterministic sentences in the invite's language. */
export class TemplateThreadDrafter implements ThreadDrafter {
  draft(invite: Invite, verdict: Verdict, options: DraftRequestOptions = {}): Promise<AsyncThread> {
    return Promise.resolve(draftThreadFromTemplate(invite, verdict, { today: options.today }));
  }
}
