// @ts-check
// Small helpers shared by every script (Node built-ins only): waiting, logging, JSON files, processes, ports.
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

/** The repository (the folder holding scripts/). */
const ROOT = path.resolve(__dirname, '..');

/** @typedef {(message: string) => void} Log */

/**
 * @param {number} ms
 * @returns {Promise<void>}
 */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A log function writing `[prefix] message` lines to stderr.
 * @param {string} prefix
 * @returns {Log}
 */
function prefixedLog(prefix) {
	return (message) => {
		process.stderr.write(`[${prefix}] ${message}\n`);
	};
}

/**
 * The message of anything thrown.
 * @param {unknown} error
 * @returns {string}
 */
function messageOf(error) {
	return error instanceof Error ? error.message : String(error);
}

/**
 * The `code` of a Node system error (EADDRINUSE, EEXIST…), if any.
 * @param {unknown} error
 * @returns {string | undefined}
 */
function codeOf(error) {
	return error && typeof error === 'object' && 'code' in error ? String(error.code) : undefined;
}

/**
 * Parsed JSON of a file, or null when it is missing or not JSON.
 * @param {string} file
 * @returns {any}
 */
function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

/**
 * Writes JSON atomically (a temporary file renamed over the target).
 * @param {string} file
 * @param {unknown} value
 */
function writeJson(file, value) {
	const tmp = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
	fs.renameSync(tmp, file);
}

/**
 * Whether a process with this pid exists (EPERM: it exists, owned by someone else).
 * @param {number} pid
 * @returns {boolean}
 */
function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return codeOf(error) === 'EPERM';
	}
}

/**
 * A TCP port free on 127.0.0.1 right now.
 * @returns {Promise<number>}
 */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = address && typeof address === 'object' ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * Polls fn() until it returns a truthy value (returned) or timeoutMs passes (throws, with the last error). Errors
 * thrown by fn are retried, except those with `fatal: true`.
 * @template T
 * @param {() => T | Promise<T>} fn
 * @param {{ timeoutMs?: number, intervalMs?: number, what?: string }} [options]
 * @returns {Promise<NonNullable<T>>}
 */
async function waitFor(fn, { timeoutMs = 30000, intervalMs = 250, what = 'condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	/** @type {unknown} */
	let lastError;
	for (;;) {
		try {
			const value = await fn();
			if (value) return /** @type {NonNullable<T>} */ (value);
		} catch (error) {
			if (error && typeof error === 'object' && 'fatal' in error && error.fatal) throw error; // no point in waiting any longer
			lastError = error;
		}
		if (Date.now() > deadline) {
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${messageOf(lastError)}` : ''}`);
		}
		await sleep(intervalMs);
	}
}

/**
 * Seconds since `started` (a Date.now() value), rounded to 0.1.
 * @param {number} started
 * @returns {string}
 */
function secondsSince(started) {
	return ((Date.now() - started) / 1000).toFixed(1);
}

module.exports = { ROOT, sleep, prefixedLog, messageOf, codeOf, readJson, writeJson, pidAlive, freePort, waitFor, secondsSince };
