/**
 * RSS of every Chromium process this bench started, per kind (the page's renderer, GPU, network
 * service, the browser itself), read from /proc; and a sampler of each kind's peak during a step.
 * Chromium rewrites its command line (one string with spaces), so the kind is read from `--type=`
 * and `--utility-sub-type=` in it. Empty where there is no /proc.
 */
import { readdir, readFile } from 'node:fs/promises';

/** MB per process kind; `renderer` is the largest renderer (the page's: duckdb-wasm's worker lives in it). */
export type ProcessRss = Record<string, number>;

async function processTree(): Promise<Map<number, number>> {
  const parents = new Map<number, number>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // Fields after the command name (which may hold spaces): state, ppid, …
    if (stat) parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }
  return parents;
}

function kindOf(commandLine: string): string | null {
  const args = commandLine.split(/[\0 ]/);
  const type = args.find((a) => a.startsWith('--type='))?.slice('--type='.length);
  if (!type) return /chrom/i.test(args[0] ?? '') ? 'browser' : null;
  if (type === 'utility') {
    const sub = args.find((a) => a.startsWith('--utility-sub-type='))?.slice('--utility-sub-type='.length) ?? '';
    return /network/i.test(sub) ? 'network' : 'utility';
  }
  return type === 'gpu-process' ? 'gpu' : type;
}

/** RSS (MB) of the Chromium processes under this one: per kind, renderer = the largest renderer. */
export async function chromiumRss(): Promise<ProcessRss> {
  const out: ProcessRss = {};
  try {
    const parents = await processTree();
    const below = [process.pid];
    while (below.length > 0) {
      const pid = below.pop()!;
      for (const [child, parent] of parents) {
        if (parent !== pid) continue;
        below.push(child);
        const kind = kindOf(await readFile(`/proc/${child}/cmdline`, 'utf8').catch(() => ''));
        if (!kind || kind === 'zygote') continue;
        const status = await readFile(`/proc/${child}/status`, 'utf8').catch(() => '');
        const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
        const mb = kb('VmRSS') / 1024;
        if (kind !== 'renderer') out[kind] = (out[kind] ?? 0) + mb;
        else if (mb > (out.renderer ?? 0)) {
          out.renderer = mb;
          // Of which shared memory (mojo buffers, wasm memory may be either): tells a leak's kind.
          out['renderer shmem'] = kb('RssShmem') / 1024;
        }
      }
    }
  } catch {
    /* no /proc: nothing to report */
  }
  return out;
}

/** Samples chromiumRss() every `everyMs` until stopped; stop() gives each kind's peak. */
export function sampleRss(everyMs = 500): { stop(): Promise<ProcessRss> } {
  const peak: ProcessRss = {};
  let running = true;
  const loop = (async () => {
    while (running) {
      for (const [kind, mb] of Object.entries(await chromiumRss())) peak[kind] = Math.max(peak[kind] ?? 0, mb);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}

/** "renderer 503, gpu 80, network 103, browser 211 MB" (the kinds in that order, then any other). */
export function formatRss(rss: ProcessRss): string {
  const order = ['renderer', 'renderer shmem', 'gpu', 'network', 'browser'];
  const kinds = [...order.filter((k) => k in rss), ...Object.keys(rss).filter((k) => !order.includes(k))];
  return kinds.length === 0 ? 'n/a' : `${kinds.map((k) => `${k} ${rss[k]!.toFixed(0)}`).join(', ')} MB`;
}
