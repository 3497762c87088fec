// @ts-check
// The data folder of `npm start` (n8n's database, sandbox state, mails, chat messages, logs): its layout, the lock
// that keeps two starts apart, wiping it, and the ports it is served on.
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { prefixedLog, readJson, writeJson, pidAlive, codeOf } = require('../util');

/** @typedef {import('../util').Log} Log */

const defaultLog = prefixedLog('stack');

/**
 * An error whose message says it all (no stack trace needed): `error.expected === true`.
 * @param {string} message
 */
function expected(message) {
	return Object.assign(new Error(message), { expected: true });
}

/**
 * Layout of the data folder.
 * @param {string} dataDir
 */
function dataPaths(dataDir) {
	return {
		dataDir,
		stackFile: path.join(dataDir, 'stack.json'),
		lockFile: path.join(dataDir, 'stack.pid'),
		userFolder: path.join(dataDir, 'n8n'),
		sandboxState: path.join(dataDir, 'sandbox-state.json'),
		mailDir: path.join(dataDir, 'mail'),
		chatStore: path.join(dataDir, 'chat-messages.json'),
		webhookKey: path.join(dataDir, 'webhook-key.json'),
		logsDir: path.join(dataDir, 'logs'),
	};
}
/** @typedef {ReturnType<typeof dataPaths>} DataPaths */

/**
 * Whether pid is a live node process (a lock left by a killed start whose pid was reused does not count).
 * @param {number} pid
 */
function nodeProcessAlive(pid) {
	if (!pidAlive(pid)) return false;
	try {
		return /node/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
	} catch {
		return true; // no /proc: trust kill(0)
	}
}

/**
 * The pid of another live `npm start` holding the lock file, if any.
 * @param {string} lockFile
 * @returns {number | null}
 */
function otherHolder(lockFile) {
	const held = readJson(lockFile);
	return held && held.pid !== process.pid && nodeProcessAlive(held.pid) ? held.pid : null;
}

/**
 * Deletes the data folder, refusing a folder that does not look like one of ours.
 * @param {string} dataDir
 * @param {Log} [log]
 */
function wipeDataDir(dataDir, log = defaultLog) {
	if (!fs.existsSync(dataDir)) return;
	const p = dataPaths(dataDir);
	const entries = fs.readdirSync(dataDir);
	if (entries.length && !fs.existsSync(p.stackFile) && !fs.existsSync(p.userFolder)) {
		throw expected(`refusing to wipe ${dataDir}: it does not look like a data folder of npm start (no stack.json)`);
	}
	const holder = otherHolder(p.lockFile);
	if (holder) throw expected(`refusing to wipe ${dataDir}: npm start (pid ${holder}) is using it`);
	fs.rmSync(dataDir, { recursive: true, force: true });
	log(`wiped ${dataDir}`);
}

/**
 * Takes the data folder's lock (fails when another live start holds it); returns the function that releases it.
 * @param {string} lockFile
 * @returns {() => void}
 */
function takeLock(lockFile) {
	const holder = otherHolder(lockFile);
	if (holder) throw expected(`another npm start (pid ${holder}) is already using ${path.dirname(lockFile)}: stop it first`);
	writeJson(lockFile, { pid: process.pid, since: new Date().toISOString() });
	return () => {
		const current = readJson(lockFile);
		if (current && current.pid === process.pid) fs.rmSync(lockFile, { force: true });
	};
}

/**
 * Throws a readable message when something already listens on 127.0.0.1:port.
 * @param {number} port
 * @param {string} what
 * @param {string} [hint] the flag that chooses another port
 * @returns {Promise<void>}
 */
function assertPortFree(port, what, hint) {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', (error) => {
			if (codeOf(error) === 'EADDRINUSE') {
				reject(expected(`port ${port} (${what}) is already in use: stop what uses it, or choose another port${hint ? ` with ${hint}` : ''}`));
			} else reject(error);
		});
		server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
	});
}

module.exports = { expected, dataPaths, wipeDataDir, takeLock, assertPortFree };
