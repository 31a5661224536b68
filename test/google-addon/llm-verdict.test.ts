import { startFakeLlmServer, type FakeLlmServer } from '../fakes/fake-llm-server.js';
import { ada, buttonsOf, cardOf, click, startAddonHarness, type AddonHarness } from './support.js';

/**
 * With an LLM configured, opening an event still answers with the embedded verdict at once (no
 * LLM call); the LLM's verdict comes when the user asks for it.
 */

describe('the LLM verdict on request', () => {
  let llm: FakeLlmServer;
  let harness: AddonHarness;
  beforeAll(async () => {
    llm = await startFakeLlmServer();
    harness = await startAddonHarness({ JUDGE: 'hybrid', LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: `${llm.baseUrl}/v1`, LLM_MODEL: 'qwen2.5-7b-instruct', LLM_TIMEOUT_MS: '2000' });
    harness.google.putEvent(ada.email, {
      id: '5qk8s0v7d1n3b2m4c6x9z0a1b2',
      summary: 'Warehouse weekly',
      description: '1. Pick rates by shift\n2. Decide: move the Saturday shift to Sunday?',
      organizer: { email: ada.email, self: true },
      start: { dateTime: '2026-12-08T09:00:00+01:00' },
      end: { dateTime: '2026-12-08T10:00:00+01:00' },
      attendees: [{ email: 'bo@example.com' }, { email: 'cy@example.com' }, { email: 'di@example.com' }],
    });
  });
  afterAll(async () => {
    await harness.close();
    await llm.close();
  });

  it('opens with the embedded verdict without calling the LLM, even when it hangs', async () => {
    llm.setDefault(() => ({ kind: 'hang' }));
    const before = llm.requests.length;
    const started = Date.now();
    const response = await harness.post('/google/event-open', await harness.fixture('saved-event'));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(JSON.stringify(cardOf(response.body))).toContain('built-in judge');
    expect(buttonsOf(response.body).has('Ask the LLM for a second opinion')).toBe(true);
    expect(llm.requests.length).toBe(before);
  });

  it('asks the LLM on the button and shows its verdict', async () => {
    llm.enqueue({
      kind: 'object',
      value: {
        verdict: 'trim',
        confidence: 0.81,
        sensitive: false,
        reasons: ['Pick rates can be read beforehand', 'The shift move needs the leads'],
        agenda: [
          { text: 'Pick rates by shift', kind: 'info' },
          { text: 'Move the Saturday shift to Sunday?', kind: 'decision' },
        ],
        keepMinutes: 20,
        asyncItems: [0],
      },
    });
    const event = await harness.fixture('saved-event');
    const open = await harness.post('/google/event-open', event);
    const response = await harness.post('/google/action', click(event, buttonsOf(open.body).get('Ask the LLM for a second opinion').onClick.action));
    const text = JSON.stringify(cardOf(response.body));
    expect(text).toContain('LLM judge');
    expect(text).toContain('Pick rates can be read beforehand');
    expect(buttonsOf(response.body).has('Ask the LLM for a second opinion')).toBe(false);
  });
});
