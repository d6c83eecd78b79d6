/**
 * Validation for IPC: argument lists and the sender. Plain TypeScript with structural types (no
 * Electron import) so it is unit-tested in Node.
 */
import { isTrustedUrl } from './security';

/** A renderer sent arguments of the wrong number or type. */
export class IpcArgumentError extends Error {
  override name = 'IpcArgumentError';
}

/** A message came from a frame that is not our window's main frame on the app's origin. */
export class IpcSenderError extends Error {
  override name = 'IpcSenderError';
}

export type ArgSpec =
  | { name: string; type: 'string'; minLength?: number; maxLength?: number }
  | { name: string; type: 'number'; integer?: boolean; min?: number; max?: number }
  | { name: string; type: 'boolean' };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function signature(channel: string, spec: readonly ArgSpec[]): string {
  return `${channel}(${spec.map((s) => `${s.name}: ${s.type}`).join(', ')})`;
}

/**
 * Checks that `args` has exactly the arguments of `spec`, in order, of the right types; returns them.
 * Throws an IpcArgumentError naming the channel, the argument and what was wrong.
 */
export function validateArgs(channel: string, args: readonly unknown[], spec: readonly ArgSpec[]): unknown[] {
  if (args.length !== spec.length) {
    const expected = spec.length === 0 ? 'no arguments' : `${spec.length} argument${spec.length === 1 ? '' : 's'}`;
    throw new IpcArgumentError(`${signature(channel, spec)} expects ${expected}, got ${args.length}`);
  }
  spec.forEach((s, i) => {
    const value = args[i];
    const where = `${signature(channel, spec)}: argument ${i + 1} (${s.name})`;
    if (typeof value !== s.type) throw new IpcArgumentError(`${where} must be a ${s.type}, got ${describe(value)}`);
    if (s.type === 'string') {
      const text = value as string;
      if (s.minLength !== undefined && text.length < s.minLength) throw new IpcArgumentError(`${where} must have at least ${s.minLength} characters`);
      if (s.maxLength !== undefined && text.length > s.maxLength) throw new IpcArgumentError(`${where} must have at most ${s.maxLength} characters`);
    } else if (s.type === 'number') {
      const n = value as number;
      if (!Number.isFinite(n)) throw new IpcArgumentError(`${where} must be a finite number`);
      if (s.integer && !Number.isInteger(n)) throw new IpcArgumentError(`${where} must be an integer`);
      if (s.min !== undefined && n < s.min) throw new IpcArgumentError(`${where} must be >= ${s.min}`);
      if (s.max !== undefined && n > s.max) throw new IpcArgumentError(`${where} must be <= ${s.max}`);
    }
  });
  return [...args];
}

/** The parts of an IpcMainInvokeEvent the sender check reads. */
export interface SenderLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * Throws unless the message comes from the main frame (no parent) of one of our windows' web
 * contents, currently showing a page of the app's own origin.
 */
export function assertTrustedSender(
  channel: string,
  event: SenderLike,
  isOurWebContents: (id: number) => boolean,
  trustedOrigins: readonly string[],
): void {
  const frame = event.senderFrame;
  if (!isOurWebContents(event.sender.id)) throw new IpcSenderError(`${channel}: the sender is not a Research Workbench window`);
  if (frame === null) throw new IpcSenderError(`${channel}: the sending frame is gone`);
  if (frame.parent !== null) throw new IpcSenderError(`${channel}: only the window's main frame may call the host`);
  if (!isTrustedUrl(frame.url, trustedOrigins)) throw new IpcSenderError(`${channel}: the sending page is not the app (${frame.url.slice(0, 200)})`);
}
