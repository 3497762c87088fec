// Types for maildev.js (plain CommonJS), so TypeScript tests can import it.
/* eslint-disable @typescript-eslint/no-explicit-any -- typings of plain-JS helpers: maildev answers with loose JSON. */
import type { Log, Runtime } from './runtime';

/** A message as maildev's API returns it (GET /api/email). */
export interface MaildevEmail {
	id: string;
	subject: string;
	text?: string;
	html?: string;
	from: Array<{ address: string; name: string }>;
	to: Array<{ address: string; name: string }>;
	date?: string;
	[key: string]: any;
}

export interface Maildev {
	smtpPort: number;
	webPort: number;
	/** http://127.0.0.1:<webPort> (web inbox; API under /api). */
	webUrl: string;
	pid: number;
	logFile: string | null;
	listEmails(): Promise<MaildevEmail[]>;
	getEmail(id: string): Promise<MaildevEmail>;
	deleteAll(): Promise<unknown>;
	/** Waits (default 30 s) for a message matching pred and returns it. */
	waitForEmail(pred?: (m: MaildevEmail) => boolean, opts?: { timeoutMs?: number; intervalMs?: number }): Promise<MaildevEmail>;
	stop(): Promise<void>;
}

/** SMTP server + web inbox on 127.0.0.1 (free ports unless given); with mailDirectory, messages survive a restart. */
export function startMaildev(options?: {
	runtime?: Runtime;
	smtpPort?: number;
	webPort?: number;
	logFile?: string;
	mailDirectory?: string;
	log?: Log;
	timeoutMs?: number;
}): Promise<Maildev>;
