// Stands in for js-yaml in the bundle (see bundle.js): ecap parses front matter with `yaml`,
// through the engine it gives gray-matter, so gray-matter's default engine must never run.
const refuse = () => {
  throw new Error('ecap bug: gray-matter ran its own YAML engine; ecap parses front matter with yaml');
};
module.exports = { safeLoad: refuse, safeDump: refuse };
