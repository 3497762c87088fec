// @ts-check
// Walks command-line flags for the repository's scripts: `--flag value` and `--flag=value` alike.
// `visit(flag, next)` is called once per flag; `next()` returns the flag's value (the `=` part or the next argument).
'use strict';

/**
 * @param {string[]} argv
 * @param {(flag: string, next: () => string | undefined) => void} visit
 */
function forEachFlag(argv, visit) {
	for (let i = 0; i < argv.length; i++) {
		let flag = argv[i];
		/** @type {string | undefined} */
		let value;
		const eq = flag.indexOf('=');
		if (flag.startsWith('--') && eq !== -1) {
			value = flag.slice(eq + 1);
			flag = flag.slice(0, eq);
		}
		visit(flag, () => (value !== undefined ? value : argv[++i]));
	}
}

module.exports = { forEachFlag };
