import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { rewriteManifest } from '../../scripts/build-manifest.js';
import { validateManifest } from '../../scripts/lib/manifest-validation.js';
import { readPng } from '../../scripts/lib/png.js';
import { launchEventHandlers, taskPaneCommandId } from '../../src/outlook/launchevent/launch-event.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifestPath = `${root}manifest.xml`;
const manifest = readFileSync(manifestPath, 'utf8');
const devBase = 'https://localhost:3000';

function attributes(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1] as string, m[2] as string]));
}
const tags = (name: string): Array<Record<string, string>> => [...manifest.matchAll(new RegExp(`<${name}\\s[^>]*>`, 'g'))].map((m) => attributes(m[0]));

describe('manifest.xml', () => {
  it('validates against the [MS-OWEMXML] schemas', async () => {
    const result = await validateManifest(manifestPath);
    expect(result.errors).toBe('');
    expect(result.valid).toBe(true);
  });

  it('validates with xmllint-wasm too (the fallback without /usr/bin/xmllint)', async () => {
    const result = await validateManifest(manifestPath, 'wasm');
    expect(result.validator).toBe('xmllint-wasm');
    expect(result.errors).toBe('');
    expect(result.valid).toBe(true);
    const broken = await validateManifest(`${root}test/outlook/fixtures/broken-manifest.xml`, 'wasm');
    expect(broken.valid).toBe(false);
  });

  it('rejects an invalid manifest', async () => {
    const result = await validateManifest(`${root}test/outlook/fixtures/broken-manifest.xml`);
    expect(result.valid).toBe(false);
    expect(result.errors).toMatch(/SendMode|LaunchEventSendMode/);
  });

  it('validates dist/manifest.xml when it exists', async () => {
    const dist = `${root}dist/manifest.xml`;
    if (!existsSync(dist)) return;
    const result = await validateManifest(dist);
    expect(result.errors).toBe('');
    expect(result.valid).toBe(true);
  });

  it('declares the four launch events with their FunctionNames, and SoftBlock on send', () => {
    const events = tags('LaunchEvent').filter((e) => e.Type);
    expect(events).toEqual([
      { Type: 'OnNewAppointmentOrganizer', FunctionName: 'onNewAppointmentOrganizer' },
      { Type: 'OnAppointmentAttendeesChanged', FunctionName: 'onAppointmentAttendeesChanged' },
      { Type: 'OnAppointmentTimeChanged', FunctionName: 'onAppointmentTimeChanged' },
      { Type: 'OnAppointmentSend', FunctionName: 'onAppointmentSend', SendMode: 'SoftBlock' },
    ]);
  });

  it('names exactly the handlers the launch-event module registers', () => {
    const names = tags('LaunchEvent').map((e) => e.FunctionName).filter(Boolean).sort();
    expect(names).toEqual(Object.keys(launchEventHandlers).sort());
  });

  it('has the task pane button the handlers point to (commandId)', () => {
    const buttons = tags('Control').filter((c) => c.id === taskPaneCommandId);
    expect(buttons.length).toBeGreaterThan(0);
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
  });

  it('points the runtime at launchevent.html with a JavaScript override for classic Windows', () => {
    const urls = Object.fromEntries(tags('bt:Url').map((u) => [u.id, u.DefaultValue]));
    const runtime = tags('Runtime')[0];
    const override = tags('Override')[0];
    expect(urls[runtime?.resid ?? '']).toBe(`${devBase}/launchevent.html`);
    expect(override).toEqual({ type: 'javascript', resid: expect.any(String) });
    expect(urls[override?.resid ?? '']).toBe(`${devBase}/launchevent.js`);
    expect(manifest).toMatch(/<Permissions>ReadWriteItem<\/Permissions>/);
  });

  it('references icons that exist as valid PNGs of the declared size', () => {
    const imageUrls = new Map(tags('bt:Image').filter((i) => i.id && i.DefaultValue).map((i) => [i.id as string, i.DefaultValue as string]));
    const references: Array<[number, string]> = tags('bt:Image')
      .filter((i) => i.size && i.resid)
      .map((i) => [Number(i.size), imageUrls.get(i.resid as string) ?? `missing resource ${i.resid}`]);
    references.push([64, attributes(manifest.match(/<IconUrl [^>]*>/)?.[0] ?? '').DefaultValue ?? 'missing IconUrl']);
    references.push([128, attributes(manifest.match(/<HighResolutionIconUrl [^>]*>/)?.[0] ?? '').DefaultValue ?? 'missing HighResolutionIconUrl']);
    expect(new Set(references.map(([size]) => size))).toEqual(new Set([16, 32, 64, 80, 128]));
    for (const [size, url] of references) {
      expect(url.startsWith(`${devBase}/assets/`)).toBe(true);
      const file = `${root}${url.slice(devBase.length + 1)}`;
      expect(existsSync(file)).toBe(true);
      expect(readPng(readFileSync(file))).toEqual({ width: size, height: size });
    }
  });

  it('rewrites every dev URL for production', () => {
    const out = rewriteManifest(manifest, 'https://addin.example.com/');
    expect(out).not.toContain('localhost');
    expect(out).toContain('<bt:Url id="JSRuntime.Url" DefaultValue="https://addin.example.com/launchevent.js"/>');
    expect(() => rewriteManifest(manifest, 'http://insecure.example.com')).toThrow(/https/);
  });
});
