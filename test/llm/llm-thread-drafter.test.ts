import { loadConfig } from '../../src/config.js';
import { classifyInvite } from '../../src/core/classifier/embedded-classifier.js';
import { parseInvite } from '../../src/core/invite.js';
import { asyncThreadSchema } from '../../src/core/verdict.js';
import { createThreadDrafter } from '../../src/drafting/create-thread-drafter.js';
import { startFakeLlmServer, type FakeLlmServer } from '../fakes/fake-llm-server.js';

let server: FakeLlmServer;
beforeEach(async () => {
  server = await startFakeLlmServer();
});
afterEach(() => server.close());

const drafter = () =>
  createThreadDrafter(loadConfig({ JUDGE: 'llm', LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: `${server.baseUrl}/v1`, LLM_MODEL: 'qwen', LLM_TIMEOUT_MS: '400' }));

const invite = parseInvite({
  subject: 'Actualización semanal de ventas',
  body: 'Hola equipo:\n- Ventas frente al presupuesto – Lucía\n- Roturas de stock en textil hogar\nEl informe completo estará en la carpeta compartida. Llamad al +34 912 345 678 si hace falta.',
  organizer: { email: 'lucia@tiendas.example.es' },
  attendees: [
    { email: 'ana@tiendas.example.es' },
    { email: 'LUCIA@tiendas.example.es' },
    { email: 'jorge@tiendas.example.es' },
    { email: 'sala-3@tiendas.example.es', type: 'resource' },
  ],
  start: '2030-03-04T09:00:00+01:00',
  durationMinutes: 30,
  recurrence: 'weekly',
  language: 'es',
});
const today = new Date('2030-03-01T10:00:00Z');

describe('the LLM thread drafter', () => {
  it('uses the model’s wording but keeps our reply-by date and recipients', async () => {
    server.enqueue({
      kind: 'object',
      value: {
        title: 'Actualización por escrito: ventas de la semana',
        intro: 'Esta semana lo hacemos por escrito.',
        items: [
          { heading: 'Ventas frente al presupuesto', body: 'Lucía comparte las cifras.', owner: 'Lucía', ask: 'Responded con dudas antes del lunes 4 de marzo.' },
          { heading: 'Roturas de stock', body: 'Textil hogar.', owner: null, ask: null },
        ],
      },
    });
    const verdict = classifyInvite(invite);
    const thread = await drafter().draft(invite, verdict, { today });
    expect(asyncThreadSchema.parse(thread)).toMatchObject({ source: 'llm', replyBy: '2030-03-04', recipients: ['ana@tiendas.example.es', 'jorge@tiendas.example.es'] });
    expect(thread.items[0]).toEqual({ heading: 'Ventas frente al presupuesto', body: 'Lucía comparte las cifras.', owner: 'Lucía', ask: 'Responded con dudas antes del lunes 4 de marzo.' });
    const messages = (server.requests[0]!.body as { messages: { role: string; content: string }[] }).messages;
    const user = messages.find((message) => message.role === 'user')!.content;
    expect(user.startsWith('<invite>\n') && user.endsWith('\n</invite>')).toBe(true);
    expect(user.match(/</g)).toHaveLength(2);
    expect(user).not.toContain('912 345 678');
    expect(user).not.toContain('ana@tiendas');
  });

  it('falls back to the template, in the invite’s language, when the model fails', async () => {
    server.setDefault({ kind: 'status', status: 500 });
    const thread = await drafter().draft(invite, classifyInvite(invite), { today });
    expect(thread.source).toBe('template');
    expect(thread.items.length).toBeGreaterThan(0);
    expect(`${thread.title} ${thread.intro}`).toMatch(/escrito|por favor|responde/i);
  });

  it('uses the template when the model adds or drops items', async () => {
    server.enqueue({ kind: 'object', value: { title: 'T', intro: 'I', items: [{ heading: 'Only one', body: 'b', ask: null }] } });
    const thread = await drafter().draft(invite, classifyInvite(invite), { today });
    expect(thread.source).toBe('template');
    expect(thread.items.length).toBe(2);
  });

  it('never sends a sensitive invite out to be rewritten for a group thread', async () => {
    const sensitive = parseInvite({ ...invite, body: '1. Sales vs budget – info\n2. Redundancy consultation for the Leeds support team\n3. Stock outs – info' });
    const verdict = { ...classifyInvite(sensitive), verdict: 'trim' as const };
    const thread = await drafter().draft(sensitive, verdict, { today });
    expect(server.requests).toHaveLength(0);
    expect(JSON.stringify(thread)).not.toMatch(/Redundancy|Leeds/);
  });
});

