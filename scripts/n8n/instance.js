// @ts-check
// A real n8n (from scripts/n8n/runtime.js) for scripts and tests, in one import: the server process (server.js), its
// CLI (cli.js) and its HTTP APIs (rest.js), plus the shared freePort/waitFor. Plain CommonJS, Node built-ins only.
'use strict';

const { freePort, waitFor } = require('../util');
const server = require('./server');
const cli = require('./cli');
const rest = require('./rest');

/** @typedef {import('./server').N8nInstance} N8nInstance */
/** @typedef {import('./cli').CredentialInput} CredentialInput */
/** @typedef {import('./cli').WorkflowInput} WorkflowInput */
/** @typedef {import('./cli').CliOptions} CliOptions */
/** @typedef {import('./rest').Execution} Execution */
/** @typedef {import('./rest').OwnerCredentials} OwnerCredentials */

module.exports = { freePort, waitFor, ...server, ...cli, ...rest };
