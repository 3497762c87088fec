/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only test reading the repository files, never shipped */
/**
 * The documentation links n8n shows (each node's codex `primaryDocumentation` / `credentialDocumentation`, the
 * credential's `documentationUrl`) open a page of this repository: on the package's homepage, without a `#anchor`
 * (n8n appends `?utm_source=…` after the URL, which breaks anchors), and pointing to a file that exists.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

import { OvhApi } from '../../credentials/OvhApi.credentials';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { homepage: string };
const BLOB = `${pkg.homepage}/blob/main/`;

interface Codex {
	node: string;
	resources?: { primaryDocumentation?: Array<{ url: string }>; credentialDocumentation?: Array<{ url: string }> };
}

const codexFiles = readdirSync(join(ROOT, 'nodes'), { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.flatMap((dir) =>
		readdirSync(join(ROOT, 'nodes', dir.name))
			.filter((file) => file.endsWith('.node.json'))
			.map((file) => join(ROOT, 'nodes', dir.name, file)),
	);

const links: Array<[string, string]> = [
	...codexFiles.flatMap((file) => {
		const codex = JSON.parse(readFileSync(file, 'utf8')) as Codex;
		const where = relative(ROOT, file);
		return [
			...(codex.resources?.primaryDocumentation ?? []).map((d): [string, string] => [`${where} primaryDocumentation`, d.url]),
			...(codex.resources?.credentialDocumentation ?? []).map((d): [string, string] => [`${where} credentialDocumentation`, d.url]),
		];
	}),
	['OvhApi.credentials.ts documentationUrl', new OvhApi().documentationUrl],
];

describe('documentation links', () => {
	it('every node has a codex file with its own page and the credential page', () => {
		expect(codexFiles).toHaveLength(5);
		for (const file of codexFiles) {
			const codex = JSON.parse(readFileSync(file, 'utf8')) as Codex;
			expect(codex.resources?.primaryDocumentation).toHaveLength(1);
			expect(codex.resources?.credentialDocumentation).toHaveLength(1);
		}
		const primaries = links.filter(([where]) => where.endsWith('primaryDocumentation')).map(([, url]) => url);
		expect(new Set(primaries).size).toBe(codexFiles.length);
	});

	it.each(links)('%s: %s is a page of this repository, without an anchor', (_where, url) => {
		expect(url).not.toContain('#');
		expect(url.startsWith(BLOB)).toBe(true);
		const file = url.slice(BLOB.length);
		expect(file).toMatch(/\.md$/);
		expect(existsSync(join(ROOT, ...file.split('/')))).toBe(true);
	});
});
