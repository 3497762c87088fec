// n8n loads this package through the "n8n" block of package.json; `main` only has to exist.
module.exports = {};
