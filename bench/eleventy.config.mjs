// The peer: Eleventy 3 rendering the same corpus to HTML with a trivial layout, as a user of
// that tool would set it up. Only Markdown files are templates; front matter is theirs.
export default function (eleventyConfig) {
  eleventyConfig.addGlobalData('layout', 'layout.html');
  return {
    templateFormats: ['md'],
    markdownTemplateEngine: false,
    htmlTemplateEngine: 'liquid',
  };
}
