// A real SMTP server with a web inbox and a REST API (maildev 3.0.0 from the runtime cache), for n8n's Send Email and
// "Send and Wait for Response" operations. Plain CommonJS with Node built-ins only.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { freePort, waitFor, WATCHDOG } = require('./instance');

function defaultLog(message) {
	process.stderr.write(`[maildev] ${message}\n`);
}

/**
 * Starts maildev on 127.0.0.1 (SMTP without auth or TLS; web inbox + API at webUrl).
 * In n8n, an SMTP credential for it is { host: '127.0.0.1', port: smtpPort, secure: false, disableStartTls: true }
 * (user and password empty). With `mailDirectory`, messages are stored there and survive a restart.
 * @returns {Promise<{ smtpPort, webPort, webUrl, pid, logFile, listEmails(), getEmail(id), deleteAll(), waitForEmail(pred, opts), stop() }>}
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
	let exited = null;
	child.on('exit', (code, signal) => (exited = { code, signal }));
	const killGroup = (signal) => {
		try {
			process.kill(-child.pid, signal);
		} catch {
			// gone
		}
	};
	process.once('exit', () => killGroup('SIGKILL'));
	const webUrl = `http://127.0.0.1:${webPort}`;
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
		killGroup('SIGKILL');
		throw error;
	}
	log(`maildev: SMTP 127.0.0.1:${smtpPort}, inbox ${webUrl}`);
	return {
		smtpPort,
		webPort,
		webUrl,
		pid: child.pid,
		logFile: logFile || null,
		/** GET /api/email: every message (subject, from, to, text, html, …). */
		listEmails: () => api('/email'),
		getEmail: (id) => api(`/email/${id}`),
		deleteAll: () => api('/email/all', { method: 'DELETE' }),
		/** Waits for a message matching pred(message) and returns it. */
		waitForEmail: (pred = () => true, opts = {}) =>
			waitFor(async () => (await api('/email')).find(pred), { timeoutMs: 30000, what: 'an email in maildev', ...opts }),
		async stop() {
			killGroup('SIGTERM');
			const deadline = Date.now() + 5000;
			while (exited === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
			if (exited === null) killGroup('SIGKILL');
		},
	};
}

module.exports = { startMaildev };
