// @ts-check
/**
 * Prints the createToken links of the README (every access rule the four nodes need, and the read-only variant),
 * generated from the route catalogue nodes/shared/api/catalogue.json, the one source of truth for OVH routes.
 * `--write` rewrites the block between the token-links markers in README.md.
 *
 *   node scripts/token-links.js            # print both links
 *   node scripts/token-links.js --write    # update README.md
 */
const fs = require('node:fs');
const path = require('node:path');

/**
 * @typedef {{ id: string; method: string; path: string; rule: string; kind: string; auth?: string; only?: string }} Route
 * @typedef {{ routes: Route[]; tokenLinks: { host: string; serviceInfosProducts: string[] } }} Catalogue
 */

const ROOT = path.resolve(__dirname, '..');
const README = path.join(ROOT, 'README.md');
const START = '<!-- token-links:start -->';
const END = '<!-- token-links:end -->';

/** @type {Catalogue} */
const catalogue = require('../nodes/shared/api/catalogue.json');

/** Whether OVH's rule `wide` (ending in `/*`, the star matching any rest of the path) grants `narrow` too. */
function covers(/** @type {string} */ wide, /** @type {string} */ narrow) {
	return wide !== narrow && wide.endsWith('/*') && narrow.startsWith(wide.slice(0, -1));
}

/**
 * The access rules, `METHOD=/rule`, in catalogue order: one per signed route, without those a wider rule of the
 * same method already grants; the product serviceInfos route becomes `GET=/{product}/*` for each listed product.
 * @param {{ readOnly?: boolean }} [options]
 * @returns {string[]}
 */
function tokenRules(options = {}) {
	/** @type {Array<{ method: string; rule: string }>} */
	const rules = [];
	for (const route of catalogue.routes) {
		if (route.auth === 'none' || route.only === 'serviceAccount' || (options.readOnly && route.kind !== 'read')) continue;
		if (route.path.startsWith('/{product}/')) {
			for (const product of catalogue.tokenLinks.serviceInfosProducts) rules.push({ method: route.method, rule: `/${product}/*` });
		} else {
			rules.push({ method: route.method, rule: route.rule });
		}
	}
	const kept = rules.filter(
		(r, i) =>
			rules.findIndex((o) => o.method === r.method && o.rule === r.rule) === i &&
			!rules.some((o) => o.method === r.method && covers(o.rule, r.rule)),
	);
	return kept.map((r) => `${r.method}=${r.rule}`);
}

/** @param {{ readOnly?: boolean }} [options] */
function tokenLink(options = {}) {
	return `${catalogue.tokenLinks.host}?${tokenRules(options).join('&')}`;
}

/** The README block between the markers (markers excluded). */
function readmeBlock() {
	return [
		'```',
		tokenLink(),
		'```',
		'',
		'Read-only (Get Service Info and List Renew Strategies only: no order, no payment):',
		'',
		'```',
		tokenLink({ readOnly: true }),
		'```',
	].join('\n');
}

/** README text with the block replaced; throws when the markers are missing. */
function withBlock(/** @type {string} */ readme) {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start < 0 || end < start) throw new Error(`README.md lacks the ${START} … ${END} markers`);
	return `${readme.slice(0, start + START.length)}\n${readmeBlock()}\n${readme.slice(end)}`;
}

module.exports = { tokenRules, tokenLink, readmeBlock, withBlock, START, END };

if (require.main === module) {
	if (process.argv.includes('--write')) {
		const before = fs.readFileSync(README, 'utf8');
		const after = withBlock(before);
		if (after !== before) fs.writeFileSync(README, after);
		console.log(after === before ? 'README.md token links are up to date' : 'README.md token links updated');
	} else {
		console.log(`All four nodes:\n${tokenLink()}\n\nRead-only:\n${tokenLink({ readOnly: true })}`);
	}
}
