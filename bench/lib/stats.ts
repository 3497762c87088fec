/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only benchmarks (child processes, timers, process figures), never shipped */
/**
 * Measuring and printing helpers shared by the benchmarks: latency summaries, a compact text table, a memory
 * sampler (process.memoryUsage() every few ms + the kernel's peak RSS), and a GC hook (`node --expose-gc`).
 * Benchmarks print figures; nothing here asserts anything.
 */
import { performance } from 'node:perf_hooks';

export const now = (): number => performance.now();

/** A positive integer from an environment variable (e.g. BENCH_CHAIN_N), else the default; capped to keep runs bounded. */
export function envInt(name: string, fallback: number, max: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1 || value > max) {
		throw new Error(`${name} must be an integer between 1 and ${max} (got "${raw}")`);
	}
	return value;
}

/** Writes one line to stdout (the repo's lint forbids console.*). */
export function say(line = ''): void {
	process.stdout.write(`${line}\n`);
}

export interface Summary {
	n: number;
	totalMs: number;
	meanMs: number;
	p50Ms: number;
	p95Ms: number;
	p99Ms: number;
	minMs: number;
	maxMs: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(samplesMs: number[]): Summary {
	const sorted = [...samplesMs].sort((a, b) => a - b);
	const total = sorted.reduce((sum, v) => sum + v, 0);
	return {
		n: sorted.length,
		totalMs: total,
		meanMs: sorted.length ? total / sorted.length : Number.NaN,
		p50Ms: percentile(sorted, 50),
		p95Ms: percentile(sorted, 95),
		p99Ms: percentile(sorted, 99),
		minMs: sorted[0] ?? Number.NaN,
		maxMs: sorted[sorted.length - 1] ?? Number.NaN,
	};
}

export function median(values: number[]): number {
	return percentile([...values].sort((a, b) => a - b), 50);
}

/** Fixed decimals, with thousands separators. */
export function fmt(value: number, decimals = 2): string {
	if (!Number.isFinite(value)) return '-';
	return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export const fmtInt = (value: number): string => fmt(value, 0);

export const mb = (bytes: number): string => fmt(bytes / 1024 / 1024, 1);

/** Prints a title and an aligned text table (first column left-aligned, the others right-aligned). */
export function printTable(title: string, header: string[], rows: string[][], notes: string[] = []): void {
	const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
	const line = (cells: string[]) =>
		cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
	say();
	say(`## ${title}`);
	say(line(header));
	say(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const row of rows) say(line(row));
	for (const note of notes) say(`   ${note}`);
}

/** Runs a full GC when node was started with --expose-gc (npm run bench does); a no-op otherwise. */
export function collectGarbage(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (gc) {
		gc();
		gc();
	}
}

/** heapUsed after a full GC (needs --expose-gc to be meaningful). */
export function heapUsedAfterGc(): number {
	collectGarbage();
	return process.memoryUsage().heapUsed;
}

export interface MemoryFigures {
	/** At start() (after a GC when available). */
	baselineRss: number;
	baselineHeapUsed: number;
	/** Highest values seen while sampling. */
	peakRss: number;
	peakHeapUsed: number;
	/** At stop(). */
	endRss: number;
	endHeapUsed: number;
	/** The kernel's high-water mark of this process's RSS (whole process lifetime). */
	maxRssEver: number;
	samples: number;
}

/** Samples process.memoryUsage() on a timer while a benchmark runs. The timer is unref'd and always cleared by stop(). */
export class MemorySampler {
	private timer: NodeJS.Timeout | undefined;
	private figures: MemoryFigures | undefined;

	start(intervalMs = 10): this {
		collectGarbage();
		const m = process.memoryUsage();
		this.figures = {
			baselineRss: m.rss,
			baselineHeapUsed: m.heapUsed,
			peakRss: m.rss,
			peakHeapUsed: m.heapUsed,
			endRss: m.rss,
			endHeapUsed: m.heapUsed,
			maxRssEver: 0,
			samples: 1,
		};
		this.timer = setInterval(() => this.sample(), intervalMs);
		this.timer.unref();
		return this;
	}

	sample(): void {
		if (!this.figures) return;
		const m = process.memoryUsage();
		this.figures.peakRss = Math.max(this.figures.peakRss, m.rss);
		this.figures.peakHeapUsed = Math.max(this.figures.peakHeapUsed, m.heapUsed);
		this.figures.samples++;
	}

	stop(): MemoryFigures {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
		if (!this.figures) throw new Error('MemorySampler.stop() without start()');
		this.sample();
		const m = process.memoryUsage();
		this.figures.endRss = m.rss;
		this.figures.endHeapUsed = m.heapUsed;
		this.figures.maxRssEver = process.resourceUsage().maxRSS * 1024;
		return this.figures;
	}
}
