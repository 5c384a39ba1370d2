// Generated from schemas/*.schema.json by `npm run types`. Do not edit: change the schema.

/**
 * content/activity.yaml: the activity the reports belong to, and the member states it covers.
 */
export interface Activity {
  /**
   * The activity's title, as the reports' title page shows it.
   */
  title: string;
  /**
   * The programme the activity belongs to.
   */
  programme: {
    /**
     * Short name.
     */
    name: string;
    /**
     * Full name.
     */
    full_name: string;
    /**
     * The implementing agency, under the name it had at the time.
     */
    implementer?: string;
    /**
     * Who funds the programme.
     */
    funders?: string[];
  };
  period: DateRange;
  /**
   * The aims the comprehensive report serves, one sentence each.
   *
   * @minItems 1
   */
  aims: string[];
  /**
   * A notice every report shows at its top, such as a statement that the content is illustrative.
   */
  notice?: string;
  /**
   * The member states, in any order; reports list them by English name.
   *
   * @minItems 1
   */
  member_states: {
    /**
     * ISO 3166-1 alpha-2 code.
     */
    code: string;
    /**
     * The English short name used in the reports.
     */
    name: string;
    native_name?: NativeName;
  }[];
}
/**
 * When the activity ran: first mission to consultation meeting.
 */
export interface DateRange {
  /**
   * The first day, YYYY-MM-DD.
   */
  start: string;
  /**
   * The last day, YYYY-MM-DD; not before start.
   */
  end: string;
}
/**
 * The name in the national script, where it has one.
 */
export interface NativeName {
  /**
   * The name in the national script.
   */
  text: string;
  /**
   * The language tag of the name, such as th, lo, km or ms-Arab.
   */
  lang: string;
}

/**
 * Ids of documents in content/sources.yaml that support this record.
 */
export type SourceRefs = string[];

/**
 * Front matter of content/meetings/<id>.md. The body is the summary of the meeting.
 */
export interface ConsultationMeeting {
  /**
   * Optional; when given it must equal the file name without .md.
   */
  id?: string;
  /**
   * The meeting's title.
   */
  title: string;
  dates: DateRange;
  /**
   * Where the meeting took place.
   */
  venue: {
    /**
     * The building or hotel, if known.
     */
    name?: string;
    /**
     * The city.
     */
    city: string;
    /**
     * An ISO 3166-1 alpha-2 country code in capitals, listed under member_states in activity.yaml.
     */
    country: string;
  };
  /**
   * Who conducted the meeting, by role or name.
   */
  conducted_by?: string[];
  /**
   * One delegation per member state that attended.
   *
   * @minItems 1
   */
  attendance: {
    /**
     * An ISO 3166-1 alpha-2 country code in capitals, listed under member_states in activity.yaml.
     */
    country: string;
    /**
     * The delegation's members, by role and organisation.
     *
     * @minItems 1
     */
    delegates: {
      /**
       * ip-office, enforcement (police, customs, other enforcement agencies) or court.
       */
      role: 'ip-office' | 'enforcement' | 'court';
      /**
       * The delegate's organisation, as the reports print it.
       */
      organisation: string;
      /**
       * The organisation's id in the country's mission note, where it has one.
       */
      agency?: string;
    }[];
  }[];
  sources?: SourceRefs;
}

/**
 * Front matter of content/missions/<code>.md, one file per country visited, named by the lower-case country code. The body holds the four parts of the mission as level-2 sections: (a) current situation, needs and expectations; (b) best practices observed; (c) suggestions for guidelines and materials; (d) suggestions for interagency coordination.
 */
export interface MissionNote {
  /**
   * Optional; when given it must equal the file name without .md.
   */
  id?: string;
  /**
   * The country visited; the file name is this code in lower case.
   */
  country: string;
  /**
   * draft while the note is being written; final once the expert has signed it off.
   */
  status: 'draft' | 'final';
  dates: DateRange;
  /**
   * The IPR-enforcement expert who carried out the mission.
   */
  expert: string;
  /**
   * The national coordinator who prepared the programme of the mission.
   */
  coordinator: {
    /**
     * Name, or a role such as "ECAP National Coordinator" where the name is not to be published; the agency goes in `agency`.
     */
    name: string;
    /**
     * The agency the coordinator works for, as an id from agencies below.
     */
    agency?: string;
    /**
     * true to leave the coordinator's name (the public edition says "the national coordinator") out of the public edition (`ecap build --edition public`).
     */
    internal?: boolean;
  };
  /**
   * Every agency met during the mission.
   *
   * @minItems 1
   */
  agencies: Agency[];
  /**
   * The meetings held, in any order; reports sort them by date.
   *
   * @minItems 1
   */
  meetings: Meeting[];
  sources?: SourceRefs;
}
export interface Agency {
  /**
   * Unique within this country; other records refer to the agency by it.
   */
  id: string;
  /**
   * The agency's English name.
   */
  name: string;
  /**
   * The acronym the agency uses, if any.
   */
  acronym?: string;
  /**
   * What kind of body it is.
   */
  kind:
    | 'ip-office'
    | 'customs'
    | 'police'
    | 'court'
    | 'prosecution'
    | 'ministry'
    | 'coordination-body'
    | 'regulator'
    | 'other';
  /**
   * The ministry or body it belongs to, under the name it had at the time of the mission.
   */
  parent?: string;
  native_name?: NativeName;
}
export interface Meeting {
  /**
   * The day of the meeting; within the mission dates.
   */
  date: string;
  /**
   * Ids of the agencies present, from agencies above.
   *
   * @minItems 1
   */
  agencies: string[];
  /**
   * Ids of the themes discussed.
   *
   * @minItems 1
   */
  themes: string[];
  /**
   * Where the meeting took place.
   */
  venue?: string;
}

/**
 * Front matter of content/practices/<id>.md, one practice per file. The body describes the practice: what is done, by whom, how.
 */
export interface BestPractice {
  /**
   * Optional; when given it must equal the file name without .md.
   */
  id?: string;
  /**
   * A short title naming the practice.
   */
  title: string;
  /**
   * The member state where the practice was observed; it must have a mission note.
   */
  country: string;
  /**
   * The themes it belongs to; the first is the chapter that describes it in full.
   *
   * @minItems 1
   */
  themes: string[];
  /**
   * Ids of the agencies involved, from the country's mission note.
   *
   * @minItems 1
   */
  agencies: string[];
  /**
   * Two or three sentences a busy reader can stop at.
   */
  summary: string;
  /**
   * Results or evidence that the practice works, with figures where there are any.
   */
  results: string;
  /**
   * How readily other member states could adopt it.
   */
  transferability: {
    /**
     * high: adoptable as it is; medium: needs adaptation; low: depends on conditions few states share.
     */
    level: 'high' | 'medium' | 'low';
    /**
     * What another state would need: legal basis, resources, partners.
     */
    note: string;
  };
  /**
   * observed in the country; proposed for regional adoption; adopted by a recommendation of the consultation meeting.
   */
  status: 'observed' | 'proposed' | 'adopted';
  sources?: SourceRefs;
  /**
   * true to leave this practice out of the public edition (`ecap build --edition public`).
   */
  internal?: boolean;
}

/**
 * Front matter of content/recommendations/<id>.md, one recommendation per file. The body is the recommendation's text.
 */
export interface Recommendation {
  /**
   * Optional; when given it must equal the file name without .md.
   */
  id?: string;
  /**
   * The recommendation's number as adopted; unique within its meeting.
   */
  number: number;
  /**
   * A short title.
   */
  title: string;
  /**
   * Id of the meeting that adopted it: a file name in content/meetings/ without .md.
   */
  meeting: string;
  /**
   * Ids of the themes it belongs to: file names in content/themes/ without .md.
   *
   * @minItems 1
   */
  themes: string[];
  /**
   * regional: for action at ASEAN level; national: for action by each member state concerned.
   */
  scope: 'regional' | 'national';
  /**
   * The member states it concerns; leave it out when it concerns all of them.
   */
  countries?: string[];
  /**
   * Who is to act on it.
   */
  addressees?: (
    | 'ip-offices'
    | 'customs'
    | 'police'
    | 'courts'
    | 'prosecutors'
    | 'ministries'
    | 'coordination-bodies'
    | 'right-holders'
    | 'asean-bodies'
  )[];
  /**
   * Ids of the best practices it builds on: file names in content/practices/ without .md.
   */
  builds_on?: string[];
  /**
   * true to leave this recommendation out of the public edition (`ecap build --edition public`).
   */
  internal?: boolean;
}

/**
 * content/sources.yaml: the documents the records cite by id; the reports list them as numbered references.
 */
export type Sources = {
  /**
   * Unique; records cite the document by it.
   */
  id: string;
  /**
   * The document's title.
   */
  title: string;
  /**
   * Who published it.
   */
  publisher?: string;
  /**
   * When it was published: YYYY, YYYY-MM or YYYY-MM-DD.
   */
  date?: string;
  /**
   * Where to read it: an http or https address.
   */
  url?: string;
}[];

/**
 * content/statistics/<code>.yaml: one country's enforcement figures. Figures are only added up or compared where measure, unit, currency and basis agree, so state them exactly as the source does.
 */
export interface Statistics {
  /**
   * The country; the file name is this code in lower case.
   */
  country: string;
  /**
   * One entry per figure: a year, what was counted, the number, and its source.
   *
   * @minItems 1
   */
  figures: Figure[];
}
export interface Figure {
  /**
   * The year the figure covers.
   */
  year: number;
  /**
   * What the year means; part-year when the source covers only some months (say which in note). Defaults to calendar-year.
   */
  period?: 'calendar-year' | 'fiscal-year' | 'part-year';
  /**
   * The reporting agency, as an id from the country's mission note; leave out for a national total.
   */
  agency?: string;
  /**
   * What was counted. value-seized is the value of the goods seized, which needs currency and basis.
   */
  measure:
    | 'raids'
    | 'inspections'
    | 'seizures'
    | 'items-seized'
    | 'arrests'
    | 'cases-filed'
    | 'cases-decided'
    | 'convictions'
    | 'takedowns'
    | 'value-seized';
  /**
   * The figure as a plain number, without separators.
   */
  value: number;
  /**
   * What one counts as: a case, a shipment, a piece… Required for counts; not used with value-seized.
   */
  unit?: 'cases' | 'operations' | 'shipments' | 'pieces' | 'items' | 'cartons' | 'premises' | 'persons' | 'websites';
  /**
   * ISO 4217 code of the currency, for value-seized.
   */
  currency?: string;
  /**
   * How the goods were valued, for value-seized: retail price of the genuine item, declared (customs) value, estimated damage to right holders, street price of the fake, or not stated.
   */
  basis?: 'retail-genuine' | 'declared' | 'estimated-damage' | 'street' | 'unspecified';
  /**
   * The source's own wording or a caveat a reader needs.
   */
  note?: string;
  /**
   * Id of the document in content/sources.yaml the figure comes from.
   */
  source: string;
  /**
   * true to leave this figure out of the public edition (`ecap build --edition public`).
   */
  internal?: boolean;
}

/**
 * Front matter of content/themes/<id>.md. The body is the expert's synthesis that opens the theme's chapter of the comprehensive report.
 */
export interface Theme {
  /**
   * Optional; when given it must equal the file name without .md.
   */
  id?: string;
  /**
   * The chapter title.
   */
  title: string;
  /**
   * One sentence saying what the theme covers.
   */
  summary: string;
  /**
   * Position of the chapter in the comprehensive report, from 1.
   */
  order: number;
}
