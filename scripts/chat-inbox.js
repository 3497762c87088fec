#!/usr/bin/env node
// @ts-check
// A local chat inbox that accepts Slack-style incoming-webhook posts and shows them: the "chat" of `npm start` and the
// e2e tests. Plain CommonJS, Node built-ins only.
//
//   POST /hooks/<channel>   JSON {"text": "..."} (like a Slack incoming webhook; `username`, `icon_emoji`, `blocks`,
//                           `attachments` are kept but only `text` is shown). Answers 200 "ok", or 400
//                           "invalid_payload" / "no_text" like Slack.
//   GET  /                  an HTML page listing the messages, newest first (refreshes itself)
//   GET  /api/messages      JSON {messages: [{id, channel, text, receivedAt, payload}]}, oldest first
//   DELETE /api/messages    removes every message
//   GET  /healthz           "ok"
//
// CLI: node scripts/chat-inbox.js [--port 8790] [--store <file.json>]
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { forEachFlag } = require('./cli-args');
const { writeJson, messageOf } = require('./util');

/**
 * @typedef {object} ChatMessage
 * @property {number} id
 * @property {string} channel the <channel> of POST /hooks/<channel>
 * @property {string} text
 * @property {string} receivedAt
 * @property {Record<string, unknown>} payload the whole JSON body that was posted
 */
/**
 * @typedef {object} ChatInbox
 * @property {number} port
 * @property {string} url http://127.0.0.1:<port> (the HTML page is at /, the JSON API at /api/messages)
 * @property {(channel?: string) => string} webhookUrl the Slack-style incoming-webhook URL of a channel (default "ovh-renewals")
 * @property {() => ChatMessage[]} messages oldest first
 * @property {() => void} clear
 * @property {(pred?: (m: ChatMessage) => boolean, opts?: { timeoutMs?: number }) => Promise<ChatMessage>} waitForMessage
 * @property {() => Promise<void>} close
 */

const MAX_BODY = 1024 * 1024;

/** @type {Record<string, string>} */
const HTML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** @param {unknown} text */
function escapeHtml(text) {
	return String(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

function page() {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Chat inbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font-family: system-ui, -apple-system, Segoe UI, Roboto, sans-serif; margin: 0; background: #f4f5f7; color: #1d1c1d; }
  header { background: #3f0e40; color: #fff; padding: 14px 24px; display: flex; justify-content: space-between; align-items: center; }
  header h1 { font-size: 18px; margin: 0; }
  header small { opacity: .8; }
  main { max-width: 900px; margin: 0 auto; padding: 16px 24px; }
  .msg { background: #fff; border-radius: 8px; padding: 12px 16px; margin: 10px 0; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
  .meta { font-size: 12px; color: #616061; margin-bottom: 6px; }
  .meta b { color: #1d1c1d; }
  .text { white-space: pre-wrap; font-size: 15px; line-height: 1.45; }
  .empty { color: #616061; text-align: center; margin-top: 48px; }
  button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.6); border-radius: 4px; padding: 4px 10px; cursor: pointer; }
</style>
</head>
<body>
<header><h1># chat inbox <small id="count"></small></h1><button id="clear" title="Delete every message">Clear</button></header>
<main id="list"><p class="empty">Loading…</p></main>
<script>
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  let last = '';
  async function refresh() {
    try {
      const res = await fetch('api/messages', { cache: 'no-store' });
      const { messages } = await res.json();
      const key = JSON.stringify(messages.map((m) => m.id));
      if (key === last) return;
      last = key;
      document.getElementById('count').textContent = messages.length + ' message' + (messages.length === 1 ? '' : 's');
      document.getElementById('list').innerHTML = messages.length
        ? messages.slice().reverse().map((m) =>
            '<div class="msg" data-id="' + m.id + '"><div class="meta"><b>#' + esc(m.channel) + '</b> · ' +
            esc(new Date(m.receivedAt).toLocaleString()) + (m.payload && m.payload.username ? ' · ' + esc(m.payload.username) : '') +
            '</div><div class="text">' + esc(m.text) + '</div></div>').join('')
        : '<p class="empty">No messages yet. Workflows post here with an HTTP Request (POST JSON {"text": "…"}).</p>';
    } catch (e) { /* server restarting */ }
  }
  document.getElementById('clear').onclick = async () => { await fetch('api/messages', { method: 'DELETE' }); last = ''; refresh(); };
  refresh();
  setInterval(refresh, 2000);
</script>
</body>
</html>
`;
}

/**
 * @param {http.IncomingMessage} req
 * @returns {Promise<string>}
 */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY) {
				reject(Object.assign(new Error('payload too large'), { status: 413 }));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/**
 * Slack accepts JSON, or a form field `payload` holding JSON.
 * @param {string} raw
 * @param {string | undefined} contentType
 * @returns {Record<string, any> | null}
 */
function parsePayload(raw, contentType) {
	let text = raw;
	if (/application\/x-www-form-urlencoded/i.test(contentType || '')) {
		text = new URLSearchParams(raw).get('payload') || '';
	}
	try {
		const value = JSON.parse(text);
		return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
	} catch {
		return null;
	}
}

/**
 * Starts the chat inbox on host:port (port 0 = a free one). With `storeFile`, messages are loaded from it and saved
 * to it after each change (so they survive a restart).
 * @param {{ port?: number, host?: string, storeFile?: string, log?: (line: string) => void }} [options] port: default
 *   8790, 0 = a free port
 * @returns {Promise<ChatInbox>}
 */
async function startChatInbox({ port = 8790, host = '127.0.0.1', storeFile, log = () => {} } = {}) {
	/** @type {ChatMessage[]} */
	let messages = [];
	let nextId = 1;
	if (storeFile && fs.existsSync(storeFile)) {
		try {
			const stored = JSON.parse(fs.readFileSync(storeFile, 'utf8'));
			if (Array.isArray(stored.messages)) messages = stored.messages;
			nextId = messages.reduce((max, m) => Math.max(max, Number(m.id) || 0), 0) + 1;
		} catch (error) {
			log(`chat: ignoring unreadable ${storeFile}: ${messageOf(error)}`);
		}
	}
	const save = () => {
		if (!storeFile) return;
		fs.mkdirSync(path.dirname(storeFile), { recursive: true });
		writeJson(storeFile, { messages });
	};
	/** @type {Set<() => boolean>} */
	const waiters = new Set();

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url || '/', 'http://localhost');
		/**
		 * @param {number} status
		 * @param {string} body
		 */
		const send = (status, body, type = 'text/plain; charset=utf-8') => {
			res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
			res.end(body);
		};
		try {
			if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
				return send(200, page(), 'text/html; charset=utf-8');
			}
			if (req.method === 'GET' && url.pathname === '/healthz') return send(200, 'ok');
			if (url.pathname === '/api/messages') {
				if (req.method === 'GET') return send(200, JSON.stringify({ messages }), 'application/json');
				if (req.method === 'DELETE') {
					messages = [];
					save();
					return send(200, JSON.stringify({ messages }), 'application/json');
				}
				return send(405, 'method_not_allowed');
			}
			const hook = /^\/hooks\/([^/]+)\/?$/.exec(url.pathname);
			if (hook || url.pathname === '/hooks' || url.pathname === '/hooks/') {
				if (req.method !== 'POST') return send(405, 'method_not_allowed');
				const raw = await readBody(req);
				const payload = parsePayload(raw, req.headers['content-type']);
				if (!payload) return send(400, 'invalid_payload');
				if (typeof payload.text !== 'string' || payload.text.trim() === '') return send(400, 'no_text');
				const message = {
					id: nextId++,
					channel: hook ? decodeURIComponent(hook[1]) : 'general',
					text: payload.text,
					receivedAt: new Date().toISOString(),
					payload,
				};
				messages.push(message);
				save();
				log(`chat: #${message.channel}: ${message.text.split('\n')[0].slice(0, 120)}`);
				for (const waiter of waiters) waiter();
				return send(200, 'ok');
			}
			return send(404, 'not_found');
		} catch (error) {
			const status = error && typeof error === 'object' && 'status' in error ? Number(error.status) : 500;
			return send(status, escapeHtml(messageOf(error)));
		}
	});
	await /** @type {Promise<void>} */ (
		new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	})
	);
	const actualPort = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
	const url = `http://${host}:${actualPort}`;
	return {
		port: actualPort,
		url,
		/** The incoming-webhook URL of a channel (default "ovh-renewals"). */
		webhookUrl: (channel = 'ovh-renewals') => `${url}/hooks/${encodeURIComponent(channel)}`,
		messages: () => messages.slice(),
		clear() {
			messages = [];
			save();
		},
		/** Resolves with the first message (oldest first) matching pred, waiting up to timeoutMs. */
		waitForMessage(pred = () => true, { timeoutMs = 30000 } = {}) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const found = messages.find(pred);
					if (!found) return false;
					waiters.delete(check);
					clearTimeout(timer);
					resolve(found);
					return true;
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`timed out after ${timeoutMs} ms waiting for a chat message (${messages.length} received)`));
				}, timeoutMs);
				waiters.add(check);
				check();
			});
		},
		close: () =>
			new Promise(/** @param {(value?: void) => void} resolve */ (resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startChatInbox };

if (require.main === module) {
	let port = 8790;
	/** @type {string | undefined} */
	let storeFile;
	forEachFlag(process.argv.slice(2), (flag, next) => {
		if (flag === '--port') port = Number(next());
		else if (flag === '--store') storeFile = path.resolve(next() || '');
		else if (flag === '--help') {
			process.stdout.write('Usage: node scripts/chat-inbox.js [--port 8790] [--store <file.json>]\n');
			process.exit(0);
		}
	});
	startChatInbox({
		port,
		storeFile,
		log: (line) => process.stdout.write(`${line}\n`),
	}).then(
		(chat) => {
			process.stdout.write(`chat inbox on ${chat.url}/  (post to ${chat.webhookUrl()})\n`);
			const stop = () => chat.close().then(() => process.exit(0));
			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
		},
		(error) => {
			process.stderr.write(`chat inbox: ${messageOf(error)}\n`);
			process.exit(1);
		},
	);
}
