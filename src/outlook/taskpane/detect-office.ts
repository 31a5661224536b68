/// <reference types="office-js" />

/**
 * True inside Outlook with an item open; false outside Office (preview mode): Office.onReady answers
 * with host null, or office.js is missing. Never waits longer than `timeoutMs`.
 */
export async function detectOutlook(timeoutMs = 1500): Promise<boolean> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office?.onReady) return false;
  const info = await Promise.race([office.onReady(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs))]);
  return info?.host === office.HostType.Outlook && Boolean(office.context?.mailbox?.item);
}
