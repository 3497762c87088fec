/** Jest: TypeScript tests under test/, transpiled by ts-jest (type checking is `npm run typecheck`, run by `npm test`). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.dev.json', isolatedModules: true }],
	},
	testTimeout: 30000,
};
