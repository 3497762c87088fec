// Copies what tsc does not: icons (top-level icons/ and any under nodes/ or credentials/) and codex files.
const { src, dest, parallel } = require('gulp');

function buildIcons() {
	return src(['icons/**/*.{png,svg}', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

function buildCodex() {
	return src(['nodes/**/*.node.json'], { base: '.' }).pipe(dest('dist'));
}

exports['build:assets'] = parallel(buildIcons, buildCodex);
exports['build:icons'] = buildIcons;
