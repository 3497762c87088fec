// Types for browser.js (plain CommonJS). Browser and page are puppeteer-core objects (typed loosely here so the
/* eslint-disable @typescript-eslint/no-explicit-any -- typings of plain-JS helpers: n8n answers with loose JSON, puppeteer objects are typed by puppeteer-core (not a project dependency). */
// project does not need puppeteer-core installed to type-check).
import type { Log, Runtime } from './runtime';

export const CHROMIUM_FLAGS: string[];
export function launchBrowser(options?: {
	runtime?: Runtime;
	executablePath?: string;
	viewport?: { width: number; height: number };
	args?: string[];
	log?: Log;
}): Promise<{ browser: any; page: any; puppeteer: any }>;
/** Signs in through /signin; resolves with the URL the editor went to. */
export function loginEditor(
	page: any,
	baseUrl: string,
	creds: { email: string; password: string },
	options?: { timeoutMs?: number },
): Promise<string>;
/** Opens /workflow/<id> and returns the names of the canvas nodes. */
export function openWorkflow(page: any, baseUrl: string, workflowId: string, options?: { timeoutMs?: number }): Promise<string[]>;
export function screenshot(page: any, file: string, options?: { fullPage?: boolean }): Promise<string>;
