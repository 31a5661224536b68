import { chatPosts, GoogleChatThreadChannel, chatRootUrl } from '../../src/channels/google-chat/google-chat-thread-channel.js';
import { ChannelRefusal } from '../../src/channels/thread-channel.js';
import type { AsyncThread } from '../../src/core/verdict.js';
import { IntegrationError } from '../../src/integration/integration-error.js';
import { chatCreateScope, startFakeGoogleWorkspace, type FakeGoogleWorkspace } from '../fakes/fake-google-workspace.js';

/** The real googleapis Chat client against the fake Chat API on 127.0.0.1. */

const thread: AsyncThread = {
  title: 'Weekly status, async',
  intro: 'Instead of meeting, here is the update.',
  items: [
    { heading: 'Launch', body: 'On track.', ask: 'Flag blockers' },
    { heading: 'Budget', body: 'Numbers in the sheet.' },
  ],
  replyBy: '2026-12-09',
  recipients: ['grace@example.com', 'alan@example.com'],
  source: 'template',
};

describe('GoogleChatThreadChannel', () => {
  let google: FakeGoogleWorkspace;
  beforeAll(async () => {
    google = await startFakeGoogleWorkspace();
    google.addUser('ada-token', { email: 'ada@example.com', scopes: [chatCreateScope] });
    google.spaces.add('spaces/AAAAteam');
  });
  afterAll(() => google.close());
  beforeEach(() => google.chatMessages.splice(0));

  const channel = (requestKey = 'key-0001', space = 'spaces/AAAAteam') => new GoogleChatThreadChannel({ rootUrl: google.rootUrl, accessToken: 'ada-token', space, requestKey });

  it('posts the intro and one reply per item, in one Chat thread', async () => {
    const receipt = await channel().send({ thread, sender: {} });
    expect(receipt).toMatchObject({ channel: 'google-chat', recipients: 2 });
    expect(google.chatMessages).toHaveLength(3);
    expect(new Set(google.chatMessages.map((message) => message.thread.name)).size).toBe(1);
    expect(google.chatMessages[0]!.text).toContain('*Weekly status, async*');
    expect(google.chatMessages[1]!.text).toContain('*1. Launch*');
    expect(receipt.messageId).toBe(google.chatMessages[0]!.name);
  });

  it('posts nothing twice when the same send is retried (request ids from the idempotency key)', async () => {
    await channel('key-0002').send({ thread, sender: {} });
    await channel('key-0002').send({ thread, sender: {} });
    expect(google.chatMessages).toHaveLength(3);
  });

  it('refuses a space name that is not one, and reports an unknown space', async () => {
    expect(() => channel('k', 'general')).toThrow(ChannelRefusal);
    const error = await channel('key-0003', 'spaces/missing').send({ thread, sender: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IntegrationError);
    expect((error as IntegrationError).status).toBe(404);
  });

  it('keeps every post within Chat’s 4,096 characters, and uses Chat’s own host in production', () => {
    const long = chatPosts({ ...thread, items: [{ heading: 'x', body: 'y'.repeat(10_000) }] });
    expect(long.every((post) => post.length <= 4096)).toBe(true);
    expect(chatRootUrl('https://www.googleapis.com/')).toBe('https://chat.googleapis.com/');
    expect(chatRootUrl('http://127.0.0.1:9/')).toBe('http://127.0.0.1:9/');
  });
});
