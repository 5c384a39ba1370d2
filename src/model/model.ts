import type { Root, RootContent } from 'mdast';
import type { Locations } from '../content/locations.js';
import type {
  Activity,
  Agency,
  BestPractice,
  ConsultationMeeting,
  MissionNote,
  NativeName,
  Recommendation,
  Sources,
  Statistics,
  Theme,
} from './types.generated.js';

/** Where a record came from, so that later stages can point at it. */
export interface Origin {
  id: string;
  file: string;
  locations: Locations;
  /** A hash of the file and of everything that shaped how it was read: equal revisions, equal records. */
  revision?: string;
}

export interface Country {
  code: string;
  name: string;
  native_name?: NativeName;
}

export type PartKey = 'a' | 'b' | 'c' | 'd';

/** A mission note's body cut into its opening text and its four parts (a)–(d). */
export interface MissionBody {
  intro: RootContent[];
  parts: Partial<Record<PartKey, RootContent[]>>;
  /** Set by the check when no part has an internal passage (see RootData). */
  withoutInternal?: boolean;
}

export interface ThemeRecord extends Origin { data: Theme; body: Root }
export interface MissionRecord extends Origin { data: MissionNote; body: MissionBody }
export interface PracticeRecord extends Origin { data: BestPractice; body: Root }
export interface MeetingRecord extends Origin { data: ConsultationMeeting; body: Root }
export interface RecommendationRecord extends Origin { data: Recommendation; body: Root }
export interface StatisticsRecord extends Origin { data: Statistics }
export type Source = Sources[number];

/** The agency `dip` names in a record of `country`, or `th/dip` in any: `TH/dip`, as the mission notes' agencies are keyed. */
export function agencyKey(ref: string, country: string): string {
  return ref.includes('/') ? `${ref.slice(0, 2).toUpperCase()}/${ref.slice(3)}` : `${country}/${ref}`;
}

/** An agency with the country whose mission note lists it. */
export interface CountryAgency extends Agency {
  country: string;
}

/** Every record, checked and cross-referenced, in the order the reports list them. */
export interface Model {
  activity: Activity;
  /** Member states, by English name. */
  countries: Country[];
  /** By `order`. */
  themes: ThemeRecord[];
  /** By the country's English name. */
  missions: MissionRecord[];
  /** By country name, then title. */
  practices: PracticeRecord[];
  meetings: MeetingRecord[];
  /** By meeting, then number. */
  recommendations: RecommendationRecord[];
  statistics: StatisticsRecord[];
  /** In the order of sources.yaml. */
  sources: Source[];
}
