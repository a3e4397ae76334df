import { type CallRecord } from './recorder.js';

/** A debugging session: the agent, the interface chosen, and every call made. */
export interface DebugSession {
  format: 'baton-debug-session';
  version: 1;
  id: string;
  agentUrl: string;
  binding: string | undefined;
  protocolVersion: string | undefined;
  createdAt: string;
  calls: CallRecord[];
}

const KEY = 'baton.console.debugSession';
const MAX_SAVED_BYTES = 4 * 1024 * 1024;

/** A new, empty session; its id also names its webhook receiver. */
export function newSession(agentUrl = ''): DebugSession {
  return {
    format: 'baton-debug-session',
    version: 1,
    id: crypto.randomUUID().replace(/-/g, ''),
    agentUrl,
    binding: undefined,
    protocolVersion: undefined,
    createdAt: new Date().toISOString(),
    calls: [],
  };
}

/** Saves the session in this browser (the newest calls only, when it grows too big). */
export function saveSession(session: DebugSession): void {
  let copy = session;
  let text = JSON.stringify(copy);
  while (text.length > MAX_SAVED_BYTES && copy.calls.length > 1) {
    copy = { ...copy, calls: copy.calls.slice(Math.ceil(copy.calls.length / 4)) };
    text = JSON.stringify(copy);
  }
  try {
    localStorage.setItem(KEY, text);
  } catch {
    // Storage full or disabled: the session lives on in memory and can still be exported.
  }
}

/** The session saved in this browser, if any. */
export function loadSession(): DebugSession | undefined {
  try {
    const text = localStorage.getItem(KEY);
    return text ? parseSession(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads an exported session file; throws with a plain message when it is not one. */
export function parseSession(text: string): DebugSession {
  const value = JSON.parse(text) as Partial<DebugSession>;
  if (
    value.format !== 'baton-debug-session' ||
    value.version !== 1 ||
    !Array.isArray(value.calls)
  ) {
    throw new Error('This file is not a Baton debug session.');
  }
  return { ...newSession(), ...value, calls: value.calls };
}

/** Offers the session as a JSON file download. */
export function exportSession(session: DebugSession): void {
  const blob = new Blob([JSON.stringify(session, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `baton-session-${session.createdAt.slice(0, 19).replace(/[:T]/g, '-')}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
