// @ts-check
// A cross-process lock for the installs into the shared cache: a directory created atomically with mkdir, its
// owner (pid, host and the child command running under it) recorded in owner.json. A lock whose owner is gone
// (crash, kill -9) is taken over, and the orphaned child it left (npm ci going on alone) is killed first.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { sleep, pidAlive, readJson, codeOf } = require('../util');

/** @typedef {import('../util').Log} Log */

const LOCK_WAIT_MS = 45 * 60 * 1000;

/** Lock folders held by this process: the child command running under them is recorded in their owner.json. */
/** @type {Set<string>} */
const heldLocks = new Set();

/**
 * Records the child command started under the locks this process holds.
 * @param {number | undefined} pid
 */
function recordChild(pid) {
	for (const lockPath of heldLocks) {
		const file = path.join(lockPath, 'owner.json');
		const owner = readJson(file);
		if (owner) fs.writeFileSync(file, JSON.stringify({ ...owner, child: pid }));
	}
}

/**
 * A process that outlived its killed parent (npm ci going on alone) must not race the next install.
 * @param {number | undefined} pid
 */
function killOrphan(pid) {
	if (!pid) return;
	try {
		const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		if (!/npm|node|apt/.test(cmdline)) return;
		process.kill(pid, 'SIGKILL');
	} catch {
		// gone
	}
}

/**
 * Runs fn() holding the lock lockPath; callers that find it held wait (printing why) until it is released.
 * @template T
 * @param {string} lockPath
 * @param {Log} log
 * @param {string} what what the holder is installing (for the waiting message)
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withLock(lockPath, log, what, fn) {
	const started = Date.now();
	let lastNotice = 0;
	for (;;) {
		try {
			fs.mkdirSync(lockPath, { recursive: false });
			fs.writeFileSync(
				path.join(lockPath, 'owner.json'),
				JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }),
			);
			heldLocks.add(lockPath);
			break;
		} catch (error) {
			if (codeOf(error) !== 'EEXIST') throw error;
		}
		/** @type {{ pid: number, host: string, child?: number } | null} */
		const owner = readJson(path.join(lockPath, 'owner.json'));
		let stale = false;
		if (owner && owner.host === os.hostname() && !pidAlive(owner.pid)) stale = true;
		if (!owner) {
			try {
				stale = Date.now() - fs.statSync(lockPath).mtimeMs > 60 * 1000;
			} catch {
				continue; // released meanwhile
			}
		}
		if (stale) {
			log(`removing stale lock ${lockPath} (owner ${owner ? `pid ${owner.pid}` : 'unknown'} is gone)`);
			if (owner && owner.child) {
				killOrphan(owner.child);
				await sleep(500);
			}
			fs.rmSync(lockPath, { recursive: true, force: true });
			continue;
		}
		if (Date.now() - started > LOCK_WAIT_MS) {
			throw new Error(`timed out waiting for ${lockPath} (held by ${JSON.stringify(owner)})`);
		}
		if (Date.now() - lastNotice > 30 * 1000) {
			lastNotice = Date.now();
			log(`waiting for another process (pid ${owner ? owner.pid : '?'}) that is installing ${what}…`);
		}
		await sleep(1000);
	}
	try {
		return await fn();
	} finally {
		heldLocks.delete(lockPath);
		fs.rmSync(lockPath, { recursive: true, force: true });
	}
}

module.exports = { withLock, recordChild };
