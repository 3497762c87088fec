// @ts-check
// Headless Debian chromium driven by puppeteer-core (both provided by scripts/n8n/runtime.js), for looking at the
// real n8n editor: log in, open a workflow, take screenshots.
// Plain CommonJS with Node built-ins only; puppeteer-core is loaded from the runtime cache (it runs on Node 20 and 24).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const CHROMIUM_FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-quic',
	'--no-first-run',
	'--no-default-browser-check',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-features=Translate,MediaRouter,OptimizationHints',
	'--mute-audio',
];

// Browser and page are puppeteer-core objects, typed loosely (`any`): puppeteer-core lives in the runtime cache, not
// in the project's dependencies.
/** @typedef {any} Page */

/**
 * Launches chromium (installing it with apt-get when missing) and opens a page.
 * @param {object} [options]
 * @param {import('./runtime').Runtime} [options.runtime]
 * @param {string} [options.executablePath]
 * @param {{ width: number, height: number }} [options.viewport]
 * @param {string[]} [options.args]
 * @param {import('../util').Log} [options.log]
 * @returns {Promise<{ browser: any, page: Page, puppeteer: any }>}  close with `await browser.close()`
 */
async function launchBrowser({ runtime, executablePath, viewport = { width: 1440, height: 900 }, args = [], log } = {}) {
	const rt = require('./runtime');
	if (!runtime) runtime = await rt.ensureRuntime({ log });
	if (!executablePath) executablePath = await rt.ensureChromium({ log });
	const puppeteer = runtime.requireTool('puppeteer-core');
	const browser = await puppeteer.launch({
		executablePath,
		headless: true,
		args: [...CHROMIUM_FLAGS, ...args],
		defaultViewport: viewport,
		protocolTimeout: 120000,
	});
	const page = await browser.newPage();
	page.setDefaultTimeout(30000);
	return { browser, page, puppeteer };
}

/**
 * @param {Page} page
 * @param {string[]} selectors
 * @param {number} timeout
 * @returns {Promise<string>}
 */
async function firstSelector(page, selectors, timeout) {
	const found = await Promise.any(
		selectors.map((selector) => page.waitForSelector(selector, { visible: true, timeout }).then(() => selector)),
	).catch(() => null);
	if (!found) throw new Error(`none of ${selectors.join(' | ')} appeared within ${timeout} ms`);
	return found;
}

/**
 * Signs in through the editor's sign-in form (/signin) and waits until the app has left it.
 * Note: n8n allows 5 logins a minute per email (POST /rest/login). Resolves with the URL the editor went to.
 * @param {Page} page
 * @param {string} baseUrl
 * @param {{ email: string, password: string }} creds
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<string>}
 */
async function loginEditor(page, baseUrl, { email, password }, { timeoutMs = 30000 } = {}) {
	await page.goto(`${baseUrl}/signin`, { waitUntil: 'networkidle2' });
	const emailSel = await firstSelector(
		page,
		['[data-test-id="emailOrLdapLoginId"] input', 'input[name="emailOrLdapLoginId"]', 'input[type="email"]'],
		timeoutMs,
	);
	const passwordSel = await firstSelector(
		page,
		['[data-test-id="password"] input', 'input[name="password"]', 'input[type="password"]'],
		timeoutMs,
	);
	await page.type(emailSel, email);
	await page.type(passwordSel, password);
	const loginResponse = page.waitForResponse((/** @type {any} */ r) => r.url().endsWith('/rest/login') && r.request().method() === 'POST', {
		timeout: timeoutMs,
	});
	const submit = await firstSelector(page, ['[data-test-id="form-submit-button"]', 'button[type="submit"]'], timeoutMs);
	await page.click(submit);
	const res = await loginResponse;
	if (res.status() !== 200) throw new Error(`editor login: POST /rest/login → ${res.status()} ${await res.text()}`);
	await page.waitForFunction(() => !location.pathname.startsWith('/signin'), { timeout: timeoutMs });
	await page.waitForNetworkIdle({ idleTime: 500, timeout: timeoutMs }).catch(() => {});
	return page.url();
}

/**
 * Opens a saved workflow in the editor and waits for its canvas nodes. Returns the node names shown.
 * @param {Page} page
 * @param {string} baseUrl
 * @param {string} workflowId
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<string[]>}
 */
async function openWorkflow(page, baseUrl, workflowId, { timeoutMs = 30000 } = {}) {
	await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'networkidle2' });
	await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: timeoutMs });
	return page.$$eval('[data-test-id="canvas-node"]', (/** @type {Element[]} */ els) => els.map((e) => e.getAttribute('data-node-name')));
}

/**
 * PNG screenshot to file (folders created). Returns the path.
 * @param {Page} page
 * @param {string} file
 * @param {{ fullPage?: boolean }} [options]
 * @returns {Promise<string>}
 */
async function screenshot(page, file, { fullPage = false } = {}) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	await page.screenshot({ path: file, fullPage });
	return file;
}

module.exports = { CHROMIUM_FLAGS, launchBrowser, loginEditor, openWorkflow, screenshot };
