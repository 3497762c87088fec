#!/usr/bin/env node
// @ts-check
// End-to-end proof that the real-n8n tooling works, independent of the project's own nodes:
// installs the runtime, writes a tiny throwaway community package (one plain-JS node + one credential + SVG icons),
// starts n8n with it in a temporary user folder, imports a credential and workflows through the CLI, sets up the
// owner, creates an API key, checks the node is registered as `n8n-nodes-smoke-probe.smokeProbe`, runs a workflow
// through the editor API, reads the execution through the public API, runs the editor's credential test, publishes
// a webhook workflow and calls it, runs `n8n execute` beside the server, stops n8n and checks that nothing is left.
//   node scripts/n8n/smoke.js [--browser] [--keep]
//     --browser  also log in to the editor with headless chromium (puppeteer-core) and save screenshots
//     --keep     keep the temporary folder (n8n.log, database, screenshots)
// The probe package and its workflows: smoke-probe.js.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { secondsSince } = require('../util');
const { ensureRuntime, ensureChromium } = require('./runtime');
const n8n = require('./instance');
const { startMaildev } = require('./maildev');
const { PKG, writeProbePackage, manualWorkflow, webhookWorkflow, mailWorkflow } = require('./smoke-probe');

const OWNER = { email: 'owner@example.com', password: 'Smoke-Test-1', firstName: 'Smoke', lastName: 'Owner' };

const t0 = Date.now();
/** @type {import('../util').Log} */
const log = (message) => void process.stderr.write(`[smoke +${secondsSince(t0)}s] ${message}\n`);

/** Processes that still belong to this n8n: its binary path in the command line or its user folder in the env. */
/**
 * @param {string} userFolder
 * @returns {string[]}
 */
function leftoverProcesses(userFolder) {
	const found = [];
	for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		if (Number(pid) === process.pid) continue;
		try {
			const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
			if (environ.split('\0').includes(`N8N_USER_FOLDER=${userFolder}`)) {
				found.push(`${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 120)}`);
			}
		} catch {
			// gone or not readable
		}
	}
	return found;
}

/**
 * @param {import('./server').N8nInstance} instance
 * @param {string} workflowId
 * @param {string} tmp
 * @param {Record<string, number>} timings
 */
async function browserCheck(instance, workflowId, tmp, timings) {
	const browser = require('./browser');
	let started = Date.now();
	const chromium = await ensureChromium({ log });
	timings.ensureChromiumSeconds = (Date.now() - started) / 1000;
	started = Date.now();
	const { browser: b, page } = await browser.launchBrowser({ runtime: instance.runtime, executablePath: chromium });
	try {
		await browser.loginEditor(page, instance.baseUrl, OWNER);
		const shots = [];
		shots.push(await browser.screenshot(page, path.join(tmp, 'editor-home.png')));
		const nodeNames = await browser.openWorkflow(page, instance.baseUrl, workflowId);
		shots.push(await browser.screenshot(page, path.join(tmp, 'editor-canvas.png')));
		assert.ok(nodeNames.includes('Smoke Probe'), `canvas shows ${JSON.stringify(nodeNames)}`);
		log(`browser: logged in, canvas nodes ${JSON.stringify(nodeNames)}; screenshots ${shots.join(', ')}`);
		timings.browserSeconds = (Date.now() - started) / 1000;
		return shots;
	} finally {
		await b.close();
	}
}

/**
 * Runs the whole check. Resolves with { timings, tmp } (tmp is removed unless keep/browser); throws on any failure
 * (n8n is stopped and its log kept in that case).
 */
async function runSmoke({ browser: withBrowser = false, keep = false } = {}) {
	const began = Date.now();
	/** @type {Record<string, number>} */
	const timings = {};
	let started = Date.now();
	const runtime = await ensureRuntime({ log });
	timings.ensureRuntimeSeconds = (Date.now() - started) / 1000;

	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-smoke-'));
	const pkgDir = path.join(tmp, 'pkg');
	const userFolder = path.join(tmp, 'user');
	writeProbePackage(pkgDir);
	log(`temp folder ${tmp}`);

	const port = await n8n.freePort();
	const credId = n8n.newId();
	const wfId = n8n.newId();
	const hookId = n8n.newId();

	// Import before the first start (the CLI creates and migrates the database itself).
	started = Date.now();
	fs.mkdirSync(userFolder, { recursive: true });
	// The CLI knows the package's credential type only once the package sits in the user folder.
	n8n.installPackage({ userFolder, packageDir: pkgDir });
	await n8n.importCredentials(runtime, userFolder, [
		{ id: credId, name: 'Smoke cred', type: 'smokeProbeApi', data: { baseUrl: `http://127.0.0.1:${port}`, token: 's3cret' } },
	]);
	timings.importCredentialsBeforeStartSeconds = (Date.now() - started) / 1000;
	started = Date.now();
	await n8n.importWorkflows(runtime, userFolder, [manualWorkflow(wfId, credId)]);
	timings.importWorkflowBeforeStartSeconds = (Date.now() - started) / 1000;

	started = Date.now();
	const instance = await n8n.startN8n({ runtime, port, userFolder, packageDir: pkgDir, log });
	timings.startSeconds = (Date.now() - started) / 1000;
	const stopOnSignal = () => instance.stop().finally(() => process.exit(130));
	if (require.main === module) {
		process.once('SIGINT', stopOnSignal);
		process.once('SIGTERM', stopOnSignal);
	}
	let ok = false;
	try {
		const { baseUrl } = instance;
		const { cookie } = await n8n.setupOwner(baseUrl, OWNER);
		assert.ok(cookie, 'owner setup returns the n8n-auth cookie');
		const again = await n8n.setupOwner(baseUrl, OWNER);
		assert.equal(again.alreadySetUp, true, 'second owner setup is tolerated');
		const cookie2 = await n8n.login(baseUrl, OWNER);
		assert.match(cookie2, /^n8n-auth=/);
		const apiKey = await n8n.createApiKey(baseUrl, cookie);
		log('owner set up, logged in, API key created');

		// Registered under the package's real name.
		const nodeTypes = await n8n.getNodeTypes(baseUrl, cookie);
		const probe = nodeTypes.find((t) => t.name === `${PKG}.smokeProbe`);
		assert.ok(probe, `${PKG}.smokeProbe is in /types/nodes.json`);
		const credTypes = await n8n.getCredentialTypes(baseUrl, cookie);
		assert.ok(credTypes.find((t) => t.name === 'smokeProbeApi'), 'smokeProbeApi is in /types/credentials.json');
		const [described] = await n8n.getNodeTypeDescriptions(baseUrl, cookie, [{ name: `${PKG}.smokeProbe`, version: 1 }]);
		assert.equal(described.displayName, 'Smoke Probe');
		const iconUrl = probe.iconUrl && (probe.iconUrl.light || probe.iconUrl);
		assert.ok(iconUrl, `iconUrl in ${JSON.stringify(probe).slice(0, 200)}`);
		const icon = await fetch(`${baseUrl}/${iconUrl}`, { headers: { cookie } });
		assert.equal(icon.status, 200, `icon ${iconUrl}`);
		assert.match(await icon.text(), /<svg/);
		log(`node type ${probe.name} registered (icon ${iconUrl}), credential type smokeProbeApi registered`);

		// Manual run through the editor API, execution read through the public API.
		started = Date.now();
		const execution = await n8n.executeWorkflow(baseUrl, cookie, wfId, { wait: apiKey });
		timings.manualRunSeconds = (Date.now() - started) / 1000;
		assert.equal(execution.status, 'success', JSON.stringify(execution).slice(0, 1500));
		const out = execution.data.resultData.runData['Smoke Probe'][0].data.main[0][0].json;
		assert.equal(out.greeting, 'hello from Smoke manual');
		assert.equal(out.health.status, 'ok');
		assert.ok(
			out.workflowModule.startsWith(runtime.n8nDir),
			`n8n-workflow resolved from n8n's own copy (${out.workflowModule})`,
		);
		log(`manual execution ${execution.id}: ${JSON.stringify(out)}`);

		// The editor's credential "Test" button.
		const good = await n8n.testCredential(baseUrl, cookie, { id: credId });
		assert.equal(good.status, 'OK', JSON.stringify(good));
		const bad = await n8n.testCredential(baseUrl, cookie, {
			id: credId,
			name: 'Smoke cred',
			type: 'smokeProbeApi',
			data: { baseUrl: `http://127.0.0.1:${await n8n.freePort()}`, token: 's3cret' }, // nothing listens there
		});
		assert.equal(bad.status, 'Error', JSON.stringify(bad));
		const byId = await n8n.testCredentialById(baseUrl, apiKey, credId);
		assert.equal(byId.status, 'OK', JSON.stringify(byId));
		log(`credential test: OK=${JSON.stringify(good)} bad=${JSON.stringify(bad)} public=${JSON.stringify(byId)}`);

		// CLI import while the server runs, then publish and call the production webhook.
		started = Date.now();
		await n8n.importWorkflows(runtime, userFolder, [webhookWorkflow(hookId)], { instance });
		timings.importWorkflowWhileRunningSeconds = (Date.now() - started) / 1000;
		const wf = await n8n.getWorkflow(baseUrl, cookie, hookId);
		assert.equal(wf.name, 'Smoke webhook', 'workflow imported while the server runs is visible');
		started = Date.now();
		const activated = await n8n.activateWorkflow(baseUrl, cookie, hookId);
		assert.equal(activated.active, true, JSON.stringify(activated).slice(0, 500));
		const hook = await n8n.waitFor(
			async () => {
				const res = await fetch(`${baseUrl}/webhook/smoke-probe`);
				return res.status === 200 ? res.json() : null;
			},
			{ timeoutMs: 30000, what: 'production webhook' },
		);
		timings.activateToWebhookSeconds = (Date.now() - started) / 1000;
		assert.equal((Array.isArray(hook) ? hook[0] : hook).greeting, 'hello from a webhook');
		log(`webhook workflow published; GET /webhook/smoke-probe → ${JSON.stringify(hook).slice(0, 200)}`);
		await n8n.deactivateWorkflow(baseUrl, cookie, hookId);

		// `n8n execute` in a second process beside the server (same database).
		started = Date.now();
		const cli = await n8n.executeWorkflowCli(runtime, userFolder, wfId, { instance });
		timings.cliExecuteSeconds = (Date.now() - started) / 1000;
		assert.equal(cli.code, 0, `n8n execute exit ${cli.code}\n${cli.stdout}\n${cli.stderr}`);
		assert.ok(cli.output, `n8n execute --rawOutput printed JSON:\n${cli.stdout}`);
		const cliOut = cli.output.data.resultData.runData['Smoke Probe'][0].data.main[0][0].json;
		assert.equal(cliOut.greeting, 'hello from Smoke manual');
		log(`n8n execute --id --rawOutput: exit 0, Smoke Probe said ${JSON.stringify(cliOut.greeting)}`);

		// Mail: an SMTP credential created through the editor API, a workflow created through the public API,
		// n8n's Send Email node, and the message read back from maildev's API.
		const mail = await startMaildev({ runtime, log });
		try {
			const smtp = await n8n.createCredential(baseUrl, cookie, {
				name: 'maildev',
				type: 'smtp',
				data: { user: '', password: '', host: '127.0.0.1', port: mail.smtpPort, secure: false, disableStartTls: true },
			});
			const mailWf = await n8n.createWorkflow(baseUrl, apiKey, mailWorkflow(smtp.id));
			started = Date.now();
			const sent = await n8n.executeWorkflow(baseUrl, cookie, mailWf.id, { wait: apiKey });
			assert.equal(sent.status, 'success', JSON.stringify(sent.data && sent.data.resultData.error));
			const message = await mail.waitForEmail((m) => m.subject === 'Smoke mail');
			timings.mailSeconds = (Date.now() - started) / 1000;
			assert.match(message.text || '', /hello from n8n/);
			log(`mail: n8n Send Email → maildev (${message.from[0].address} → ${message.to[0].address}, "${message.subject}")`);
		} finally {
			await mail.stop();
		}

		const list = await n8n.listExecutions(baseUrl, apiKey, { workflowId: wfId });
		assert.ok(list.data.length >= 1, JSON.stringify(list));
		log(`executions of ${wfId}: ${list.data.map((e) => `${e.id}:${e.mode}:${e.status}`).join(', ')}`);

		if (withBrowser) await browserCheck(instance, wfId, tmp, timings);
		ok = true;
	} finally {
		started = Date.now();
		await instance.stop();
		timings.stopSeconds = (Date.now() - started) / 1000;
		const left = leftoverProcesses(userFolder);
		if (left.length) {
			log(`processes left behind:\n${left.join('\n')}`);
			ok = false;
		}
		if (!ok) log(`n8n log: ${instance.logFile}`);
		if (ok && !keep) fs.rmSync(tmp, { recursive: true, force: true });
		else log(`kept ${tmp}`);
	}
	timings.totalSeconds = (Date.now() - began) / 1000;
	return { timings, tmp: keep ? tmp : null };
}

module.exports = { runSmoke, writeProbePackage, PKG };

if (require.main === module) {
	const browser = process.argv.includes('--browser');
	runSmoke({ browser, keep: browser || process.argv.includes('--keep') })
		.then(({ timings, tmp }) => {
			process.stdout.write(`${JSON.stringify({ ok: true, timings, kept: tmp }, null, 2)}\n`);
			process.stdout.write('1 passed, 0 failed\n');
		})
		.catch((error) => {
			process.stderr.write(`[smoke] FAILED: ${error.stack || error}\n`);
			process.stdout.write('0 passed, 1 failed\n');
			process.exit(1);
		});
}
