#!/usr/bin/env node
// citeproc-js for benchmarks/filter_fidelity.py: one document's citations, in order.
// stdin: {style (path), lang, localesDir, items, citations: [{citationItems, properties}], bib}
// stdout: {citations: [text of each citation as it finally stands], bibliography: [entries]}
'use strict';
const fs = require('fs');
const path = require('path');
const CSL = require('citeproc');

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const byId = {};
for (const item of input.items) byId[item.id] = item;
const sys = {
  retrieveLocale: (lang) => {
    const file = path.join(input.localesDir, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : false;
  },
  retrieveItem: (id) => byId[id],
};
const engine = new CSL.Engine(sys, fs.readFileSync(input.style, 'utf8'), input.lang || 'en-US');
engine.setOutputFormat('text');
engine.updateItems(input.items.map((item) => item.id));
const before = [];
const texts = {};
input.citations.forEach((citation, index) => {
  citation.citationID = `c${index}`;
  const [, updated] = engine.processCitationCluster(citation, before, []);
  for (const [position, text] of updated) texts[position] = text;
  before.push([citation.citationID, citation.properties.noteIndex || 0]);
});
const result = { citations: input.citations.map((_, index) => texts[index]) };
if (input.bib) {
  const made = engine.makeBibliography();
  result.bibliography = made ? made[1].map((entry) => entry.trim()) : [];
}
process.stdout.write(JSON.stringify(result));
