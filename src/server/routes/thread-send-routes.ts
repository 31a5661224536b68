import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ChannelRefusal, channelNames, type ChannelName, type SentReceipt, type ThreadChannel } from '../../channels/thread-channel.js';
import { asyncThreadSchema } from '../../core/verdict.js';
import type { Store } from '../../store/database.js';
import { HttpError, parseRequest } from '../http-error.js';
import { keyOf, userOf } from '../request-user.js';

/**
 * `POST /api/thread/send`: posts the thread once. The client makes one idempotency key per click
 * of "Send"; the key is claimed in the store before anything is sent, so a double click, a retry
 * after a timeout or a second server all post once, and a repeat gets the first answer back.
 */

const sendRequestSchema = z.strictObject({
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_:.-]{8,128}$/, 'expected 8-128 letters, digits or - _ : . (a UUID works)'),
  channel: z.enum(channelNames),
  thread: asyncThreadSchema.extend({ recipients: z.array(z.email()).min(1, 'the thread has no recipients').max(500) }),
});

export function threadSendRoutes(app: FastifyInstance, { store, channels }: { store: Store; channels: Partial<Record<ChannelName, ThreadChannel>> }): void {
  app.post('/api/thread/send', async (request, reply) => {
    const body = parseRequest(sendRequestSchema, request.body);
    const user = userOf(request);
    const channel = channels[body.channel];
    if (!channel) throw new HttpError(422, 'channel_unavailable', `channel "${body.channel}" is not configured on this server`);

    const requestHash = createHash('sha256').update(JSON.stringify([body.channel, body.thread])).digest('hex');
    const claim = await store.sentThreads.claim(keyOf(user), body.idempotencyKey, requestHash);
    switch (claim.state) {
      case 'done':
        return reply.header('idempotent-replayed', 'true').send(claim.result);
      case 'in-progress':
        throw new HttpError(409, 'send_in_progress', 'this thread is being sent; wait for the first request');
      case 'conflict':
        throw new HttpError(422, 'idempotency_key_reused', 'this idempotency key was used for a different thread');
      case 'claimed':
        break;
    }

    let receipt: SentReceipt;
    try {
      receipt = await channel.send({ thread: body.thread, sender: { email: user.email, name: user.name } });
    } catch (error) {
      // Nothing went out: free the key so that the user can try again.
      await store.sentThreads.release(keyOf(user), body.idempotencyKey);
      if (error instanceof ChannelRefusal) throw new HttpError(422, 'channel_refused', error.message);
      request.log.warn({ channel: body.channel, err: { type: (error as Error).name } }, 'sending a thread failed');
      throw new HttpError(502, 'channel_failed', `the ${body.channel} channel did not accept the thread; nothing was sent, try again`);
    }
    const result = { status: 'sent' as const, ...receipt };
    await store.sentThreads.complete(keyOf(user), body.idempotencyKey, result);
    return result;
  });
}
