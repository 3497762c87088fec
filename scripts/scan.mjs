// @ts-check
// Runs the lint legs of n8n's verification scanner (@n8n/scan-community-package) locally:
// 1. on the source tree, with the files the scanner reads from a provenance-attested checkout;
// 2. on the tarball `npm pack` produces, exactly as n8n would download it.
// Inline eslint-disable comments are ignored, as in the real scan. Exits 1 on any error.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The scanner's API (the package ships no types).
 * @typedef {object} Scanner
 * @property {string[]} SOURCE_FILE_PATTERNS
 * @property {(dir: string, patterns?: string[]) => Promise<{ passed: boolean, message?: string, details?: string }>} analyzePackage
 */
const scannerModule = '@n8n/scan-community-package/scanner/scanner.mjs';
const { SOURCE_FILE_PATTERNS, analyzePackage } = /** @type {Scanner} */ (await import(scannerModule));

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {string} name
 * @param {string} dir
 * @param {string[]} [patterns]
 */
async function leg(name, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	if (result.passed) {
		console.log(`scan ${name}: passed${result.message ? ` (${result.message})` : ''}`);
		return true;
	}
	console.error(`scan ${name}: ${result.message}`);
	if (result.details) console.error(result.details);
	return false;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-renewal-scan-'));
try {
	const sourceOk = await leg('source tree', root, SOURCE_FILE_PATTERNS);

	const packed = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], {
		cwd: root,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop() || '';
	const unpacked = path.join(work, 'package');
	execFileSync('tar', ['-xzf', path.join(work, packed), '-C', work]);
	const files = execFileSync('find', ['.', '-type', 'f'], { cwd: unpacked, encoding: 'utf8' }).trim().split('\n');
	console.log(`npm pack: ${packed}, ${files.length} files`);
	const tarballOk = await leg('npm pack tarball', unpacked);

	const pkg = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
	const missing = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter((f) => !fs.existsSync(path.join(unpacked, f)));
	if (missing.length) console.error(`tarball lacks declared files: ${missing.join(', ')}`);
	const deps = Object.keys(pkg.dependencies ?? {});
	if (deps.length) console.error(`runtime dependencies are not allowed in strict mode: ${deps.join(', ')}`);

	process.exitCode = sourceOk && tarballOk && !missing.length && !deps.length ? 0 : 1;
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
