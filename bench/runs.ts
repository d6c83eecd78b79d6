/**
 * Side-by-side measurements for the import and export benchmarks: each run in a fresh Node process
 * (so peak RSS is that run's alone and duckdb-wasm's heap, which never shrinks, starts empty), the
 * app and native DuckDB runs alternating, the minimum of `repeat` kept for each.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

export interface RunFigures {
  ms: number;
  /** CPU time (user + system, all threads) of the step: steadier than wall time on a busy machine. */
  cpuMs: number;
  /** Peak RSS of the run's process, in MB. */
  peakRssMB: number;
  /** Peak RSS during the measured step above the peak before it, in MB. */
  rssRiseMB: number;
  rows: number;
}

/** Runs `script --child ...args` in a new Node process (through tsx) and returns the JSON it prints last. */
export function runChild(script: string, args: string[]): Promise<RunFigures> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--max-old-space-size=4096', fileURLToPath(new URL(script, import.meta.url)), '--child', ...args],
      { maxBuffer: 1 << 24 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${script} ${args.join(' ')}: ${stderr || error.message}`));
        const last = stdout.trim().split('\n').at(-1) ?? '';
        resolve(JSON.parse(last) as RunFigures);
      },
    );
  });
}

/** Alternates the runs of each mode `repeat` times; the fastest run of each mode (its RSS with it). */
export async function alternate<M extends string>(modes: readonly M[], repeat: number, run: (mode: M) => Promise<RunFigures>): Promise<Record<M, RunFigures>> {
  const best = {} as Record<M, RunFigures>;
  for (let i = 0; i < repeat; i++) {
    for (const mode of modes) {
      const f = await run(mode);
      if (!best[mode] || f.ms < best[mode].ms) best[mode] = f;
    }
  }
  return best;
}

/** Times `step` in this process: wall time, peak RSS and its rise over the peak before the step. */
export async function measure(step: () => Promise<number>): Promise<RunFigures> {
  const before = process.resourceUsage().maxRSS;
  const cpu = process.cpuUsage();
  const t = performance.now();
  const rows = await step();
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const peak = process.resourceUsage().maxRSS;
  return { ms, cpuMs: (used.user + used.system) / 1000, rows, peakRssMB: peak / 1024, rssRiseMB: (peak - before) / 1024 };
}

/** The 1-minute load average, to print beside figures taken on a shared machine. */
export const loadAverage = (): string => os.loadavg()[0]!.toFixed(2);
