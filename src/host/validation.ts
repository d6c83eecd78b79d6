/**
 * Validation of what the renderer sends: argument lists checked against the method descriptors of
 * src/shared/host-methods.ts, shared by the IPC handlers and the web host, so both hosts accept and
 * refuse exactly the same calls.
 */
import path from 'node:path';
import { argumentMessage, describeValue, kindOf, signature, type ArgSpec, type PathRules } from '../shared/host-args';
import { MAX_PATH_LENGTH } from '../shared/host-limits';
import { HOST_METHODS, type InvokeMethod } from '../shared/host-methods';

/** A renderer sent arguments of the wrong number or type. */
export class IpcArgumentError extends Error {
  override name = 'IpcArgumentError';
}

/** What is wrong with `value` as an absolute path, or null. */
export function pathProblem(value: unknown): string | null {
  if (typeof value !== 'string') return `must be a string, got ${describeValue(value)}`;
  if (value.includes('\0')) return 'must not contain NUL characters';
  if (value.length > MAX_PATH_LENGTH) return `must have at most ${MAX_PATH_LENGTH} characters`;
  if (!path.isAbsolute(value)) return `must be an absolute path, got ${describeValue(value)}`;
  return null;
}

const PATHS: PathRules = { problem: pathProblem };

/**
 * Checks that `args` has exactly the arguments of `spec`, in order, of the right types; returns them
 * (paths normalized). Throws an IpcArgumentError naming the method, the argument and what was wrong.
 */
export function validateArgs(channel: string, args: readonly unknown[], spec: readonly ArgSpec[]): unknown[] {
  if (!Array.isArray(args)) throw new IpcArgumentError(`${signature(channel, spec)} expects an argument list`);
  if (args.length !== spec.length) {
    const expected = spec.length === 0 ? 'no arguments' : `${spec.length} argument${spec.length === 1 ? '' : 's'}`;
    throw new IpcArgumentError(`${signature(channel, spec)} expects ${expected}, got ${args.length}`);
  }
  return spec.map((s, i) => {
    const value = args[i];
    const fail = (problem: string): never => {
      throw new IpcArgumentError(argumentMessage(channel, spec, i, problem));
    };
    switch (s.type) {
      case 'string': {
        if (typeof value !== 'string') return fail(`must be a string, got ${kindOf(value)}`);
        if (s.minLength !== undefined && value.length < s.minLength) fail(`must have at least ${s.minLength} characters`);
        if (s.maxLength !== undefined && value.length > s.maxLength) fail(`must have at most ${s.maxLength} characters`);
        if (s.pattern && !s.pattern.test(value)) fail(`must be ${s.patternHint ?? `a string matching ${s.pattern}`}, got ${describeValue(value)}`);
        return value;
      }
      case 'number': {
        if (typeof value !== 'number') return fail(`must be a number, got ${kindOf(value)}`);
        if (!Number.isFinite(value)) fail('must be a finite number');
        if (s.integer && !Number.isInteger(value)) fail('must be an integer');
        if (s.min !== undefined && value < s.min) fail(`must be >= ${s.min}`);
        if (s.max !== undefined && value > s.max) fail(`must be <= ${s.max}`);
        return value;
      }
      case 'boolean':
        if (typeof value !== 'boolean') fail(`must be a boolean, got ${kindOf(value)}`);
        return value;
      case 'path': {
        const problem = pathProblem(value);
        if (problem) fail(problem);
        return path.resolve(value as string);
      }
      case 'bytes': {
        if (!(value instanceof Uint8Array)) return fail(`must be a Uint8Array, got ${kindOf(value)}`);
        if (s.maxBytes !== undefined && value.byteLength > s.maxBytes) fail(`must be at most ${s.maxBytes} bytes, got ${value.byteLength}`);
        return value;
      }
      case 'custom': {
        const problem = s.check(value, PATHS);
        if (problem) fail(problem);
        return value;
      }
    }
  });
}

/** Validates the arguments of a host method call (IPC and web host alike). */
export function validateHostArgs(method: InvokeMethod, args: readonly unknown[]): unknown[] {
  return validateArgs(method, args, HOST_METHODS[method].args);
}
