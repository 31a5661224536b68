import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { inviteSchema } from '../../core/invite.js';
import { asyncThreadSchema, judgeNames, verdictSchema } from '../../core/verdict.js';
import { parseRequest } from '../http-error.js';
import type { JudgeProvider } from '../judges.js';
import { keyOf, userOf } from '../request-user.js';
import type { RecentSettings } from '../recent-settings.js';

/** `POST /api/judge` and `POST /api/thread`: a verdict for an invite, and the thread that replaces it. */

const judgeRequestSchema = z.strictObject({
  invite: inviteSchema,
  /** Overrides the user's setting for this call (the task pane asks for hybrid after its embedded verdict). */
  judge: z.enum(judgeNames).optional(),
});

const threadRequestSchema = z.strictObject({
  invite: inviteSchema,
  /** The verdict the user is looking at; judged again when absent. */
  verdict: verdictSchema.optional(),
});

export function judgeRoutes(app: FastifyInstance, { settings: recentSettings, judges }: { settings: RecentSettings; judges: JudgeProvider }): void {
  app.post('/api/judge', async (request, reply) => {
    const { invite, judge } = parseRequest(judgeRequestSchema, request.body);
    const settings = await recentSettings.get(keyOf(userOf(request)));
    const chosen = judges.judgeFor(settings, judge);
    // Only a judge that waits on the network needs to hear that the client left.
    const verdict = await chosen.judge(invite, judges.usesNetwork(chosen) ? { signal: abortSignalOf(reply.raw) } : undefined);
    return verdictSchema.parse(verdict);
  });

  app.post('/api/thread', async (request, reply) => {
    const body = parseRequest(threadRequestSchema, request.body);
    const settings = await recentSettings.get(keyOf(userOf(request)));
    const verdict = body.verdict ?? (await judges.judgeFor(settings).judge(body.invite));
    const thread = await judges.drafter.draft(body.invite, verdict, { signal: abortSignalOf(reply.raw) });
    return asyncThreadSchema.parse(thread);
  });
}

/** Aborted when the client goes away before its answer, so an LLM call for a closed task pane stops. */
function abortSignalOf(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
