import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { inviteDigest } from '../../core/fingerprint.js';
import { inviteSchema } from '../../core/invite.js';
import { verdictKinds } from '../../core/verdict.js';
import type { Store } from '../../store/database.js';
import { userSettingsPatchSchema } from '../../store/user-settings.js';
import { HttpError, parseRequest } from '../http-error.js';
import type { JudgeProvider } from '../judges.js';
import type { RecentSettings } from '../recent-settings.js';
import { keyOf, userOf } from '../request-user.js';

/** A user's own settings and feedback: read and written only under the caller's tenant and id. */

const feedbackRequestSchema = z
  .strictObject({
    /** The invite the verdict was about: only its fingerprint is kept, never its text. */
    invite: inviteSchema.optional(),
    fingerprint: z.string().regex(/^[0-9a-f]{16,128}$/, 'expected the hex fingerprint of the invite').optional(),
    verdict: z.enum(verdictKinds),
    expected: z.enum(verdictKinds).optional(),
    comment: z.string().max(2000).optional(),
    surface: z.enum(['outlook', 'smart-alert', 'google', 'report', 'cli']),
  })
  .refine((body) => body.invite || body.fingerprint, { message: 'give the invite or its fingerprint', path: ['fingerprint'] });

export function userRoutes(app: FastifyInstance, { store, settings, judges }: { store: Store; settings: RecentSettings; judges: JudgeProvider }): void {
  app.get('/api/settings', async (request) => settings.get(keyOf(userOf(request))));

  app.put('/api/settings', async (request) => {
    const patch = parseRequest(userSettingsPatchSchema, request.body);
    if (patch.judgeMode && patch.judgeMode !== 'embedded' && !judges.hasLlm) {
      throw new HttpError(400, 'invalid_request', `body.judgeMode: this server has no LLM configured, so only "embedded" is available`);
    }
    const user = userOf(request);
    await store.users.upsertUser(keyOf(user), { email: user.email, name: user.name });
    return settings.put(keyOf(user), patch);
  });

  app.post('/api/feedback', async (request, reply) => {
    const body = parseRequest(feedbackRequestSchema, request.body);
    const fingerprint = body.fingerprint ?? (await inviteDigest(body.invite!));
    const id = await store.feedback.addFeedback(keyOf(userOf(request)), {
      fingerprint,
      verdict: body.verdict,
      expected: body.expected,
      comment: body.comment,
      surface: body.surface,
    });
    return reply.status(201).send({ id });
  });

  app.get('/api/feedback', async (request) => ({ feedback: await store.feedback.listFeedback(keyOf(userOf(request))) }));
}
