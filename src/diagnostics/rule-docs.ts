import type { RuleId } from './rules.js';

/** What a rule's document shows besides its summary: a wrong and a right example, and the fix. */
export interface RuleDoc {
  /** A few lines of a content file that break the rule, with the file's path as first line comment. */
  wrong: string;
  /** The same lines, corrected. */
  right: string;
  /** How to fix it, in one or two sentences an editor who is not a programmer understands. */
  fix: string;
}

export const ruleDocs: Record<RuleId, RuleDoc> = {
  'file/unreadable': {
    wrong: '# content/missions/th.md  (saved in the Thai Windows-874 encoding, not UTF-8)\n# the Thai names under native_name are stored as bytes ecap cannot read',
    right: '# content/missions/th.md  (saved as UTF-8 text)\n# the Thai names under native_name read as written, such as กรมศุลกากร',
    fix: 'Open the file in a plain-text editor and save it again as UTF-8 text, not as a Word document or in another encoding. If the file is a shortcut (symbolic link) to a file elsewhere, put a copy of the real file in its place.',
  },
  'file/empty': {
    wrong: '# content/practices/kh-shared-complaint-register.md  (an empty file)\n# the file was created but nothing was written in it yet',
    right: '# content/practices/kh-shared-complaint-register.md  (front matter)\n---\ntitle: Shared register of complaints and operations\ncountry: KH\nthemes: [statistics, intelligence, interagency-cooperation]\nagencies: [dipr, ncipm, economic-police, camcontrol, customs]\n# then summary, results, transferability and status',
    fix: 'Write the record\'s fields in the file (the schema in schemas/ lists them, and the other files in the same folder show the form), or delete the file if it is not needed.',
  },
  'file/stray': {
    wrong: '# content/practices/notes.txt  (a text file in a Markdown folder)\n# content/practices/ holds only .md files, so ecap ignores this one',
    right: '# notes/practices-to-write.txt  (moved out of the content folder)\n# content/practices/ now holds only .md records',
    fix: 'Move the file (or folder) out of the content folder. If it is meant to be a record, give it the right ending instead: .md for notes, practices and recommendations, .yaml for statistics.',
  },
  'file/missing': {
    wrong: '# content/sources.yaml  (missing: the content folder has activity.yaml but no sources.yaml)\n# every source id cited in a record is then unknown as well',
    right: '# content/sources.yaml\n- id: asean-ecap3-best-practices-activity\n  title: Best practices on IPR enforcement for interested ASEAN enforcement agencies (activity page)\n  publisher: ECAP III Project Management Team\n  date: "2013"',
    fix: 'Create the missing file in the content folder, or restore it if it was deleted or renamed by mistake. activity.yaml describes the activity and its member states; sources.yaml lists the documents the records cite.',
  },
  'frontmatter/missing': {
    wrong: '# content/themes/customs.md  (no front matter: the file starts with the text)\nAll member states visited have border measures in their trade mark and copyright laws.',
    right: '# content/themes/customs.md\n---\ntitle: Customs and border measures\nsummary: How customs administrations detain suspected infringing goods at import, export and in transit.\norder: 5\n---\nAll member states visited have border measures in their trade mark and copyright laws.',
    fix: 'Start the file with a line of three hyphens (---), then the fields, then another line of three hyphens; the text comes after it. Check that nothing, not even a blank line, comes before the first ---.',
  },
  'frontmatter/language': {
    wrong: '# content/practices/th-hotline-1368.md  (front matter marked as JavaScript)\n---js\n{ title: "DIP complaint hotline 1368", country: "TH" }\n---',
    right: '# content/practices/th-hotline-1368.md  (front matter in YAML)\n---\ntitle: DIP complaint hotline 1368\ncountry: TH\n---',
    fix: 'Make the first line a plain --- with nothing after it, and write the fields as YAML, one `field: value` per line. ecap never runs front matter as code.',
  },
  'yaml/syntax': {
    wrong: '# content/practices/th-hotline-1368.md (front matter)\ntitle: DIP complaint hotline: 1368\ncountry: TH',
    right: '# content/practices/th-hotline-1368.md (front matter)\ntitle: "DIP complaint hotline: 1368"\ncountry: TH',
    fix: 'Look at the line the message points to: indent with spaces, not tabs, put a space after each colon, write each field only once, and put a value that contains a colon followed by a space between double quotes.',
  },
  'schema/required': {
    wrong: '# content/missions/la.md (front matter)\ncountry: LA\ndates:\n  start: 2013-10-10\n  end: 2013-10-14\nexpert: ECAP III IPR enforcement expert',
    right: '# content/missions/la.md (front matter)\ncountry: LA\nstatus: final\ndates:\n  start: 2013-10-10\n  end: 2013-10-14\nexpert: ECAP III IPR enforcement expert',
    fix: 'Add the field the message names, with its value, at the place it points to. The message says what the field holds; the schema in schemas/ describes every field.',
  },
  'schema/unknown-key': {
    wrong: '# content/recommendations/r13-prompt-public-destruction-of-seized-goods.md (front matter)\nnumber: 13\nmeeting: manila-2013\nbuild_on: [th-public-destruction-ceremonies]',
    right: '# content/recommendations/r13-prompt-public-destruction-of-seized-goods.md (front matter)\nnumber: 13\nmeeting: manila-2013\nbuilds_on: [th-public-destruction-ceremonies]',
    fix: 'Correct the spelling of the field name, as the message suggests, or remove the field. The message lists the fields allowed at that place.',
  },
  'schema/type': {
    wrong: '# content/statistics/th.yaml\nfigures:\n  - year: 2012\n    agency: ecsd\n    measure: raids\n    value: 1,406\n    unit: operations',
    right: '# content/statistics/th.yaml\nfigures:\n  - year: 2012\n    agency: ecsd\n    measure: raids\n    value: 1406\n    unit: operations',
    fix: 'Write the value in the form the message expects: a number without separators or units, text, a list (lines starting with `- `, or items in square brackets) or a group of indented fields.',
  },
  'schema/enum': {
    wrong: '# content/missions/kh.md (front matter)\nagencies:\n  - id: gdce\n    name: General Department of Customs and Excise\n    kind: custom',
    right: '# content/missions/kh.md (front matter)\nagencies:\n  - id: gdce\n    name: General Department of Customs and Excise\n    kind: customs',
    fix: 'Use one of the values the message lists. `ecap check --fix` corrects a near miss when only one allowed value is close.',
  },
  'schema/date': {
    wrong: '# content/missions/kh.md (front matter)\nmeetings:\n  - date: 16/10/2013\n    agencies: [dipr]\n    themes: [interagency-cooperation, statistics, enforcement]',
    right: '# content/missions/kh.md (front matter)\nmeetings:\n  - date: 2013-10-16\n    agencies: [dipr]\n    themes: [interagency-cooperation, statistics, enforcement]',
    fix: 'Write the date as year, month and day with hyphens, such as 2013-10-16, and check that the day exists in that month.',
  },
  'schema/pattern': {
    wrong: '# content/practices/my-optical-disc-detector-dogs.md (front matter)\ntitle: Detector dogs trained to find optical discs\ncountry: Malaysia',
    right: '# content/practices/my-optical-disc-detector-dogs.md (front matter)\ntitle: Detector dogs trained to find optical discs\ncountry: MY',
    fix: 'Write the value in the form the message describes: a country as its two-letter code in capitals (MY), an id in lower-case letters, digits and hyphens, a language tag such as th or ms-Arab, an address starting with https://.',
  },
  'schema/empty': {
    wrong: '# content/practices/th-hotline-1368.md (front matter)\ntitle: DIP complaint hotline 1368\ncountry: TH\nagencies: []',
    right: '# content/practices/th-hotline-1368.md (front matter)\ntitle: DIP complaint hotline 1368\ncountry: TH\nagencies: [dip, ecsd, customs]',
    fix: 'Fill in the field: write some text, or list at least one item. If you have nothing to put there yet and the field is optional, remove it.',
  },
  'schema/duplicate-item': {
    wrong: '# content/missions/th.md (front matter)\nmeetings:\n  - date: 2013-08-23\n    agencies: [dip, nipc, customs, ecsd, dsi, dip]\n    themes: [interagency-cooperation, intelligence, statistics]',
    right: '# content/missions/th.md (front matter)\nmeetings:\n  - date: 2013-08-23\n    agencies: [dip, nipc, customs, ecsd, dsi, oag]\n    themes: [interagency-cooperation, intelligence, statistics]',
    fix: 'Remove the second copy of the item, or replace it with the item you meant. An agency written alone and qualified with its own country (`customs` and `vn/customs` in a record of Viet Nam) is the same agency.',
  },
  'schema/range': {
    wrong: '# content/statistics/th.yaml\nfigures:\n  - year: 2102\n    agency: dsi\n    measure: raids\n    value: 39\n    unit: operations',
    right: '# content/statistics/th.yaml\nfigures:\n  - year: 2012\n    agency: dsi\n    measure: raids\n    value: 39\n    unit: operations',
    fix: 'Correct the number so that it lies within the range the message gives; it is often a typing slip, such as 2102 for 2012.',
  },
  'schema/not-allowed': {
    wrong: '# content/statistics/th.yaml\nfigures:\n  - year: 2012\n    measure: value-seized\n    value: 702000000\n    unit: items\n    currency: THB\n    basis: estimated-damage',
    right: '# content/statistics/th.yaml\nfigures:\n  - year: 2012\n    measure: value-seized\n    value: 702000000\n    currency: THB\n    basis: estimated-damage',
    fix: 'A count (raids, seizures, cases) has a `unit` and no `currency` or `basis`; a value of goods seized (`value-seized`) has a `currency` and a `basis` and no `unit`. Remove the field the message names, or correct the measure.',
  },
  'id/invalid-file-name': {
    wrong: '# content/practices/TH Hotline 1368.md (front matter)\ntitle: DIP complaint hotline 1368\ncountry: TH',
    right: '# content/practices/th-hotline-1368.md (front matter)\ntitle: DIP complaint hotline 1368\ncountry: TH',
    fix: 'Rename the file using only lower-case letters, digits and single hyphens, such as th-hotline-1368.md. The file name is the id other records use, so change any reference to the old name as well.',
  },
  'id/mismatch': {
    wrong: '# content/missions/kh.md (front matter, copied from la.md)\ncountry: LA\nstatus: final\ndates:\n  start: 2013-10-15\n  end: 2013-10-18',
    right: '# content/missions/kh.md (front matter)\ncountry: KH\nstatus: final\ndates:\n  start: 2013-10-15\n  end: 2013-10-18',
    fix: 'Make the record agree with its file name: correct the country code, or rename the file. An `id` field is optional, so you can simply remove one that differs from the file name.',
  },
  'id/duplicate': {
    wrong: '# content/recommendations/r07-land-border-customs-information-exchange.md (front matter)\nnumber: 6\ntitle: Pilot the exchange of risk information at paired land border crossings\nmeeting: manila-2013',
    right: '# content/recommendations/r07-land-border-customs-information-exchange.md (front matter)\nnumber: 7\ntitle: Pilot the exchange of risk information at paired land border crossings\nmeeting: manila-2013',
    fix: 'Give each agency of a country, each source and each recommendation of a meeting its own id or number; the message says where the first one is. At a meeting, list all the delegates of a member state under a single delegation.',
  },
  'ref/unknown-country': {
    wrong: '# content/recommendations/r07-land-border-customs-information-exchange.md (front matter)\nscope: regional\ncountries: [KH, LA, MM, MA, TH]',
    right: '# content/recommendations/r07-land-border-customs-information-exchange.md (front matter)\nscope: regional\ncountries: [KH, LA, MM, MY, TH]',
    fix: 'Use the code of a member state listed in content/activity.yaml, or add a new member state there first (Timor-Leste, for instance). The same holds for the code in front of another country\'s agency (th/dip). `ecap check --fix` corrects a near miss when only one member state code is close.',
  },
  'ref/unknown-mission': {
    wrong: '# content/practices/my-optical-disc-detector-dogs.md (front matter)\ntitle: Detector dogs trained to find optical discs\ncountry: MM\nagencies: [kpdnkk]',
    right: '# content/practices/my-optical-disc-detector-dogs.md (front matter)\ntitle: Detector dogs trained to find optical discs\ncountry: MY\nagencies: [kpdnkk]',
    fix: 'Check the country code: practices and statistics belong to a country the expert visited, which has a mission note in content/missions/. If the country was visited, add its mission note first. While the mission note of the country is there but has errors of its own, this is not reported: fix those first.',
  },
  'ref/unknown-theme': {
    wrong: '# content/practices/th-dip-customs-joint-checkpoint-inspections.md (front matter)\ncountry: TH\nthemes: [customs, inter-agency-cooperation, intelligence]',
    right: '# content/practices/th-dip-customs-joint-checkpoint-inspections.md (front matter)\ncountry: TH\nthemes: [customs, interagency-cooperation, intelligence]',
    fix: 'Use the name of a file in content/themes/ without .md, as the message suggests, or add a theme file for a new theme. `ecap check --fix` corrects a near miss when only one theme id is close.',
  },
  'ref/unknown-agency': {
    wrong: '# content/practices/th-hotline-1368.md (front matter)\ncountry: TH\nagencies: [dip, ecds, customs]',
    right: '# content/practices/th-hotline-1368.md (front matter)\ncountry: TH\nagencies: [dip, ecsd, customs]',
    fix: 'Use an id from the agencies listed in the mission note of the country; for an agency of another country, put its country code in front (th/dip). `ecap check --fix` corrects a near miss when only one agency id is close. While that mission note has errors of its own, references to its agencies are not checked: fix those first.',
  },
  'ref/foreign-agency': {
    wrong: '# content/statistics/la.yaml\ncountry: LA\nfigures:\n  - year: 2012\n    agency: th/dip\n    measure: raids\n    value: 12\n    unit: operations\n    source: la-ecap-mission-figures-2013',
    right: '# content/statistics/la.yaml\ncountry: LA\nfigures:\n  - year: 2012\n    agency: dip\n    measure: raids\n    value: 12\n    unit: operations\n    source: la-ecap-mission-figures-2013',
    fix: 'A figure belongs to the statistics of the country whose agency reported it, a delegate to the delegation of their own country, and a mission\'s coordinator to one of that country\'s agencies. Write the id alone if the country\'s own agency is meant (Thailand and Lao PDR both have a `dip`), or move the figure or the delegate to the other country\'s file or delegation. Never fixed by `ecap check --fix`, since the two are different agencies.',
  },
  'ref/unknown-practice': {
    wrong: '# content/recommendations/r04-shared-national-enforcement-register.md (front matter)\nnumber: 4\nmeeting: manila-2013\nbuilds_on: [kh-shared-complaint-register, th-hotline-1386]',
    right: '# content/recommendations/r04-shared-national-enforcement-register.md (front matter)\nnumber: 4\nmeeting: manila-2013\nbuilds_on: [kh-shared-complaint-register, th-hotline-1368]',
    fix: 'Use the name of a file in content/practices/ without .md, as the message suggests. `ecap check --fix` corrects a near miss when only one practice id is close.',
  },
  'ref/unknown-meeting': {
    wrong: '# content/recommendations/r06-customs-recordation-and-contacts.md (front matter)\nnumber: 6\ntitle: Set up customs recordation with named right-holder contacts\nmeeting: manila',
    right: '# content/recommendations/r06-customs-recordation-and-contacts.md (front matter)\nnumber: 6\ntitle: Set up customs recordation with named right-holder contacts\nmeeting: manila-2013',
    fix: 'Use the name of a file in content/meetings/ without .md, such as manila-2013. `ecap check --fix` corrects a near miss when only one meeting id is close.',
  },
  'ref/unknown-source': {
    wrong: '# content/statistics/th.yaml\nfigures:\n  - year: 2012\n    agency: dsi\n    measure: raids\n    value: 39\n    unit: operations\n    source: th-ecap-mission-figures',
    right: '# content/statistics/th.yaml\nfigures:\n  - year: 2012\n    agency: dsi\n    measure: raids\n    value: 39\n    unit: operations\n    source: th-ecap-mission-figures-2013',
    fix: 'Use an id listed in content/sources.yaml, or add the document there first with its own id. `ecap check --fix` corrects a near miss when only one source id is close. While content/sources.yaml is missing or has errors of its own, the sources cited are not checked: fix those first.',
  },
  'date/order': {
    wrong: '# content/missions/kh.md (front matter)\ncountry: KH\ndates:\n  start: 2013-10-15\n  end: 2013-10-08',
    right: '# content/missions/kh.md (front matter)\ncountry: KH\ndates:\n  start: 2013-10-15\n  end: 2013-10-18',
    fix: 'Correct the dates so that the end date is the same as the start date or later; if the two were swapped, swap them back.',
  },
  'date/outside-mission': {
    wrong: '# content/missions/th.md (front matter)\ndates:\n  start: 2013-08-19\n  end: 2013-08-23\nmeetings:\n  - date: 2013-08-12\n    agencies: [ipitc, oag]',
    right: '# content/missions/th.md (front matter)\ndates:\n  start: 2013-08-19\n  end: 2013-08-23\nmeetings:\n  - date: 2013-08-21\n    agencies: [ipitc, oag]',
    fix: 'Check the date of the meeting and the dates of the mission, and correct whichever is wrong: every meeting of a mission falls between its first and last day.',
  },
  'structure/missing-section': {
    wrong: '# content/missions/sg.md (body)\n## (b) Best practices observed\nThree practices were selected for the comprehensive report.\n### (c) Suggestions for guidelines and materials\nIPOS offered to make its outreach material available to other IP offices.\n## (d) Suggestions for interagency coordination',
    right: '# content/missions/sg.md (body)\n## (b) Best practices observed\nThree practices were selected for the comprehensive report.\n## (c) Suggestions for guidelines and materials\nIPOS offered to make its outreach material available to other IP offices.\n## (d) Suggestions for interagency coordination',
    fix: 'Add the missing part as a heading with two hash signs, such as ## (c) Suggestions for guidelines and materials, followed by its text. If the heading is there, check that it starts with two hash signs, not three.',
  },
  'structure/empty-section': {
    wrong: '# content/missions/sg.md (body)\n## (c) Suggestions for guidelines and materials\n\n## (d) Suggestions for interagency coordination',
    right: '# content/missions/sg.md (body)\n## (c) Suggestions for guidelines and materials\n\nIPOS offered to make its outreach material available to other IP offices.\n\n## (d) Suggestions for interagency coordination',
    fix: 'Write what the mission found under that heading, or write "Nothing to report" if there is nothing to say.',
  },
  'structure/unknown-section': {
    wrong: '# content/missions/th.md (body)\n## (b) Best practices observed\nThree practices were selected for the comprehensive report.\n## Destruction in public\nInfringing goods from closed cases are destroyed at ceremonies.',
    right: '# content/missions/th.md (body)\n## (b) Best practices observed\nThree practices were selected for the comprehensive report.\n### Destruction in public\nInfringing goods from closed cases are destroyed at ceremonies.',
    fix: 'Give the heading three hash signs (###) so that it becomes a subheading of the part it belongs to. Only the four parts (a) to (d) have headings with two.',
  },
  'structure/duplicate-section': {
    wrong: '# content/missions/sg.md (body)\n## (b) Best practices observed\nThree practices were selected for the comprehensive report.\n## Best practices observed (continued)\n### Specialist court',
    right: '# content/missions/sg.md (body)\n## (b) Best practices observed\nThree practices were selected for the comprehensive report.\n### Specialist court',
    fix: 'Merge the two into one part: move the text of the second under the first and delete the second heading. Use headings with three hash signs (###) inside a part.',
  },
  'body/raw-html': {
    wrong: '# content/practices/th-hotline-1368.md (body)\n### How it works\nCall <b>1368</b> from any telephone in Thailand.',
    right: '# content/practices/th-hotline-1368.md (body)\n### How it works\nCall **1368** from any telephone in Thailand.',
    fix: 'Write the formatting in Markdown instead of HTML: **bold**, *italic*, a blank line between paragraphs, a table with | and ---. Delete HTML comments (<!-- -->): they are left out of the reports.',
  },
  'body/unsafe-link': {
    wrong: '# content/missions/th.md (body)\nThe DIP offered its [Thai product identification material](file:///C:/Users/expert/Documents/dip-material.pdf).',
    right: '# content/missions/th.md (body)\nThe DIP offered its [Thai product identification material](https://www.ipthailand.go.th/).',
    fix: 'Link only to web addresses (starting with http:// or https://) or e-mail addresses (mailto:). A document on your own computer cannot be linked: cite its published version in content/sources.yaml instead.',
  },
  'body/unknown-directive': {
    wrong: '# content/missions/th.md (body)\n## (a) Current situation, needs and expectations\n\n:::confidential\nThe DSI named two suspected importers.\n:::',
    right: '# content/missions/th.md (body)\n## (a) Current situation, needs and expectations\n\n:::internal\nThe DSI named two suspected importers.\n:::',
    fix: 'To keep a passage out of the public edition, open it with a line `:::internal` and close it with a line `:::`; for a few words, write `:internal[the words]`. If the colon was meant as text, put a space after it.',
  },
  'status/draft': {
    wrong: '# content/missions/bn.md (front matter)\ncountry: BN\nstatus: draft',
    right: '# content/missions/bn.md (front matter)\ncountry: BN\nstatus: final',
    fix: 'Once the expert has signed the note off, change `status: draft` to `status: final`. Until then the country report is marked as a draft, but it is still built.',
  },
  'practice/not-recommended': {
    wrong: '# content/recommendations/r11-model-cooperation-agreement-with-right-holders.md (front matter)\n# no recommendation lists content/practices/bn-private-prosecution-copyright.md\nnumber: 11\nthemes: [right-holders]\nbuilds_on: [la-complaint-led-market-raids, sg-hip-alliance-outreach]',
    right: '# content/recommendations/r11-model-cooperation-agreement-with-right-holders.md (front matter)\n# r11 draws on the practice, so it lists it\nnumber: 11\nthemes: [right-holders]\nbuilds_on: [la-complaint-led-market-raids, sg-hip-alliance-outreach, bn-private-prosecution-copyright]',
    fix: 'Nothing needs fixing: this is for information. If a recommendation draws on the practice, list the practice\'s file name (without .md) under `builds_on` of that recommendation. While a recommendation has errors of its own, this is said of no practice, since that one may build on it.',
  },
};
