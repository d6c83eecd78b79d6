/**
 * The host API over HTTP, for the web host: same interface as Electron's preload, built from the
 * method descriptors (src/shared/host-methods.ts). Calls are POST /api/<method> with a JSON array
 * of arguments. A method with a bytes argument (exportWrite) sends it as an
 * application/octet-stream body and its other arguments in the query (?handle=<h>), split into
 * several requests when the descriptor allows. Results travel as the descriptor's encoding says:
 * JSON, nothing, or bytes (readFileRange: with the file size in the x-workbench-file-size header).
 */
import type { HostApi } from '../../shared/host-api';
import { argumentMessage, kindOf } from '../../shared/host-args';
import { bytePieces, bytesArgument, FILE_SIZE_HEADER, HOST_METHODS, INVOKE_METHODS, type InvokeMethod } from '../../shared/host-methods';

export class HostError extends Error {
  /** 'unreachable': no answer (the web host stopped); 'token': it refused this page's token. */
  constructor(
    message: string,
    readonly connection: 'unreachable' | 'token' | null = null,
  ) {
    super(message);
  }
}

/** The host API plus what only the web host's client has: a token that a restarted host replaces. */
export interface HttpHost extends HostApi {
  /** Resolves when `token` is accepted by the web host; throws a HostError otherwise. */
  checkToken(token: string): Promise<void>;
  setToken(token: string): void;
}

const UNREACHABLE = 'The workbench web host does not answer (it may have stopped or restarted)';
const BAD_TOKEN = "The web host does not accept this page's access token (it restarted with a new one)";

export function createHttpHost(initialToken: string, base = ''): HttpHost {
  let token = initialToken;
  async function send(url: string, contentType: string, body: BodyInit, withToken = token): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, 'x-workbench-token': withToken }, body });
    } catch {
      throw new HostError(UNREACHABLE, 'unreachable');
    }
    if (res.status === 401) throw new HostError(BAD_TOKEN, 'token');
    if (!res.ok) {
      const text = await res.text();
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        /* plain text error */
      }
      throw new HostError(message);
    }
    return res;
  }

  async function decode(method: InvokeMethod, res: Response): Promise<unknown> {
    switch (HOST_METHODS[method].result) {
      case 'json':
        return res.json();
      case 'none':
        // Read even this (a JSON null): in Chromium an unread body of a no-store response kept the
        // whole request alive, its upload included, so an export's exportWrite chunks stayed in the
        // renderer: ~3 copies of the file (issue 15).
        await res.arrayBuffer();
        return undefined;
      case 'bytes':
        return new Uint8Array(await res.arrayBuffer());
      case 'sized-bytes': {
        const size = Number(res.headers.get(FILE_SIZE_HEADER));
        if (!Number.isSafeInteger(size) || size < 0) throw new HostError(`${method}: the web host sent no valid ${FILE_SIZE_HEADER} header`);
        return { bytes: new Uint8Array(await res.arrayBuffer()), size };
      }
    }
  }

  /** A bytes argument travels as the raw body: check here what JSON would have carried for the host to check. */
  async function upload(method: InvokeMethod, args: unknown[], body: NonNullable<ReturnType<typeof bytesArgument>>): Promise<void> {
    const spec = HOST_METHODS[method].args;
    const query = new URLSearchParams();
    spec.forEach((s, i) => {
      const value = args[i];
      if (i === body.index) {
        if (!(value instanceof Uint8Array)) throw new HostError(argumentMessage(method, spec, i, `must be a Uint8Array, got ${kindOf(value)}`));
      } else if (typeof value !== 'string') {
        throw new HostError(argumentMessage(method, spec, i, `must be a string, got ${kindOf(value)}`));
      } else query.set(s.name, value);
    });
    const bytes = args[body.index] as Uint8Array;
    const pieces = body.spec.split && body.spec.maxBytes !== undefined ? bytePieces(bytes, body.spec.maxBytes) : [bytes];
    for (const piece of pieces) await decode(method, await send(`${base}/api/${method}?${query}`, 'application/octet-stream', piece as Uint8Array<ArrayBuffer>));
  }

  const methods = Object.fromEntries(
    INVOKE_METHODS.map((m) => {
      const arity = HOST_METHODS[m].args.length;
      const body = bytesArgument(m);
      return [
        m,
        async (...given: unknown[]): Promise<unknown> => {
          const args = Array.from({ length: arity }, (_, i) => given[i]);
          if (body) return upload(m, args, body);
          return decode(m, await send(`${base}/api/${m}`, 'application/json', JSON.stringify(args)));
        },
      ];
    }),
  );

  return {
    ...(methods as Omit<HostApi, 'onMenuCommand' | 'onCloseRequested'>),
    checkToken: async (candidate) => {
      await decode('info', await send(`${base}/api/info`, 'application/json', '[]', candidate));
    },
    setToken: (next) => {
      token = next;
    },
    onMenuCommand: () => () => undefined,
    // The browser has no close request: the renderer uses `beforeunload`.
    onCloseRequested: () => () => undefined,
  };
}
