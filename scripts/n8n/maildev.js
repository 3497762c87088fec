// @ts-check
// A real SMTP server with a web inbox and a REST API (maildev 3.0.0 from the runtime cache), for n8n's Send Email and
// "Send and Wait for Response" operations. Plain CommonJS with Node built-ins only.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { freePort, waitFor, prefixedLog, sleep } = require('../util');
const { WATCHDOG, signalGroup } = require('./server');

/**
 * A message as maildev's API returns it (GET /api/email).
 * @typedef {object} MaildevEmail
 * @property {string} id
 * @property {string} subject
 * @property {string} [text]
 * @property {string} [html]
 * @property {Array<{ address: string, name: string }>} from
 * @property {Array<{ address: string, name: string }>} to
 * @property {string} [date]
 */
/**
 * @typedef {object} Maildev
 * @property {number} smtpPort
 * @property {number} webPort
 * @property {string} webUrl http://127.0.0.1:<webPort> (web inbox; API under /api)
 * @property {number} pid
 * @property {string | null} logFile
 * @property {() => Promise<MaildevEmail[]>} listEmails
 * @property {(id: string) => Promise<MaildevEmail>} getEmail
 * @property {() => Promise<unknown>} deleteAll
 * @property {(pred?: (m: MaildevEmail) => boolean, opts?: { timeoutMs?: number, intervalMs?: number }) => Promise<MaildevEmail>} waitForEmail
 *   waits (default 30 s) for a message matching pred and returns it
 * @property {() => Promise<void>} stop
 */

const defaultLog = prefixedLog('maildev');

/**
 * Starts maildev on 127.0.0.1 (SMTP without auth or TLS; web inbox + API at webUrl).
 * In n8n, an SMTP credential for it is { host: '127.0.0.1', port: smtpPort, secure: false, disableStartTls: true }
 * (user and password empty). With `mailDirectory`, messages are stored there and survive a restart.
 * @param {object} [options]
 * @param {import('./runtime').Runtime} [options.runtime]
 * @param {number} [options.smtpPort]
 * @param {number} [options.webPort]
 * @param {string} [options.logFile]
 * @param {string} [options.mailDirectory]
 * @param {import('../util').Log} [options.log]
 * @param {number} [options.timeoutMs]
 * @returns {Promise<Maildev>}
 */
async function startMaildev({ runtime, smtpPort, webPort, logFile, mailDirectory, log = defaultLog, timeoutMs = 30000 } = {}) {
	if (!runtime) runtime = await require('./runtime').ensureRuntime({ log });
	smtpPort = smtpPort || (await freePort());
	webPort = webPort || (await freePort());
	const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
	const args = ['--require', WATCHDOG, runtime.maildevBin, '--smtp', String(smtpPort), '--ip', '127.0.0.1', '--web', String(webPort), '--web-ip', '127.0.0.1'];
	if (mailDirectory) {
		// Messages are written there and loaded back on the next start.
		fs.mkdirSync(mailDirectory, { recursive: true });
		args.push('--mail-directory', mailDirectory);
	}
	const child = spawn(
		runtime.nodeBin,
		args,
		{
			cwd: path.dirname(runtime.maildevBin),
			env: { ...runtime.env, OVH_RENEWAL_WATCHDOG_PARENT: String(process.pid) },
			detached: true,
			stdio: ['ignore', out, out],
		},
	);
	if (typeof out === 'number') fs.closeSync(out);
	const pgid = /** @type {number} */ (child.pid);
	/** @type {{ code: number | null, signal: string | null } | null} */
	let exited = null;
	child.on('exit', (code, signal) => (exited = { code, signal }));
	process.once('exit', () => signalGroup(pgid));
	const webUrl = `http://127.0.0.1:${webPort}`;
	/**
	 * @param {string} route
	 * @param {RequestInit} [init]
	 * @returns {Promise<any>}
	 */
	const api = async (route, init) => {
		const res = await fetch(`${webUrl}/api${route}`, init);
		if (!res.ok) throw new Error(`maildev ${route} → ${res.status}`);
		const text = await res.text();
		return text ? JSON.parse(text) : null;
	};
	try {
		await waitFor(
			async () => {
				if (exited) throw new Error(`maildev exited (${JSON.stringify(exited)})`);
				const res = await fetch(`${webUrl}/api/healthz`).catch(() => null);
				return res && res.ok;
			},
			{ timeoutMs, what: `maildev on ${webUrl}` },
		);
	} catch (error) {
		signalGroup(pgid);
		throw error;
	}
	log(`maildev: SMTP 127.0.0.1:${smtpPort}, inbox ${webUrl}`);
	return {
		smtpPort,
		webPort,
		webUrl,
		pid: pgid,
		logFile: logFile || null,
		/** GET /api/email: every message (subject, from, to, text, html, …). */
		listEmails: () => api('/email'),
		getEmail: (/** @type {string} */ id) => api(`/email/${id}`),
		deleteAll: () => api('/email/all', { method: 'DELETE' }),
		/** Waits for a message matching pred(message) and returns it. */
		waitForEmail: (/** @type {(m: MaildevEmail) => boolean} */ pred = () => true, opts = {}) =>
			waitFor(async () => /** @type {MaildevEmail[]} */ (await api('/email')).find(pred), { timeoutMs: 30000, what: 'an email in maildev', ...opts }),
		async stop() {
			signalGroup(pgid, 'SIGTERM');
			const deadline = Date.now() + 5000;
			while (exited === null && Date.now() < deadline) await sleep(50);
			if (exited === null) signalGroup(pgid);
		},
	};
}

module.exports = { startMaildev };
