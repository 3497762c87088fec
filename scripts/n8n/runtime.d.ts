// Types for runtime.js (plain CommonJS), so TypeScript tests can import it.
/* eslint-disable @typescript-eslint/no-explicit-any -- typings of plain-JS helpers: n8n answers with loose JSON, puppeteer objects are typed by puppeteer-core (not a project dependency). */

export type Log = (message: string) => void;

export interface Runtime {
	/** Node >= 24 binary n8n runs with. */
	nodeBin: string;
	/** Folder with that Node's headers (include/node), used as npm_config_nodedir. */
	nodeDir: string;
	nodeVersion: string;
	/** n8n's bin script: run it as `nodeBin n8nBin <command>`. */
	n8nBin: string;
	/** The install folder (its node_modules holds n8n and its dependencies). */
	n8nDir: string;
	n8nVersion: string;
	/** Install folder of maildev and puppeteer-core. */
	toolsDir: string;
	/** maildev's bin script (ESM): run it as `nodeBin maildevBin --smtp <p> --web <p> --ip 127.0.0.1`. */
	maildevBin: string;
	/** require() a CommonJS module of the tools folder, e.g. requireTool('puppeteer-core'). */
	requireTool(mod: string): any;
	/** import() a module of the tools folder (maildev is ESM-only). */
	importTool(mod: string): Promise<any>;
	/** process.env without npm_* variables, NODE_ENV removed, Node 24 first on PATH. */
	env: NodeJS.ProcessEnv;
	cacheDir: string;
}

export const NODE_VERSION: string;
export const N8N_VERSION: string;
export function cacheRoot(): string;
export function cleanEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
export function ensureNode(options?: {
	log?: Log;
}): Promise<{ nodeBin: string; nodeDir: string; version: string; system: boolean }>;
export function ensureN8n(options?: { log?: Log; node?: object }): Promise<{ n8nDir: string; n8nBin: string }>;
export function ensureTools(options?: { log?: Log; node?: object }): Promise<{
	toolsDir: string;
	maildevBin: string;
	requireTool(mod: string): any;
	importTool(mod: string): Promise<any>;
}>;
/** Installs (first time: ~4 min) or finds Node 24, n8n 2.41.1 and the tools in the cache. Safe to call concurrently. */
export function ensureRuntime(options?: { log?: Log }): Promise<Runtime>;
/** /usr/bin/chromium, installed with apt-get when missing (root). */
export function ensureChromium(options?: { log?: Log }): Promise<string>;
export function withLock<T>(lockPath: string, log: Log, what: string, fn: () => Promise<T>): Promise<T>;
