import * as z from "zod/mini";
import { LocalText } from "./common";

/**
 * An instrument is a versioned questionnaire held as data. The form site renders it, the API
 * validates answers against it (shared/instruments/answers-schema.ts) and the aggregation counts
 * from it, so a new instrument needs no new code as long as it uses these question types.
 */
const Option = z.object({ value: z.string(), label: LocalText });
export type Option = z.infer<typeof Option>;

const base = {
  id: z.string().check(z.regex(/^[a-zA-Z][a-zA-Z0-9]*$/)),
  text: LocalText,
  help: z.optional(LocalText),
  required: z._default(z.boolean(), false),
};

export const LikertQuestion = z.object({ ...base, type: z.literal("likert"), scale: z.literal(5), minLabel: LocalText, maxLabel: LocalText });
export const SingleQuestion = z.object({ ...base, type: z.literal("single"), options: z.array(Option) });
export const MultiQuestion = z.object({ ...base, type: z.literal("multi"), options: z.array(Option) });
export const NumberQuestion = z.object({ ...base, type: z.literal("number"), min: z.number(), max: z.number(), unit: z.optional(LocalText) });
export const TextQuestion = z.object({ ...base, type: z.literal("text"), maxLength: z.number() });
/** Competence area x horizon: per cell the size of the need, how it will be met, and how many people. */
export const NeedMatrixQuestion = z.object({
  ...base,
  type: z.literal("needMatrix"),
  areas: z.array(Option),
  horizons: z.array(Option),
  levels: z.array(Option), // none, some, large
  methods: z.array(Option), // upskill, recruit, both
});
/** A further field of an occupation row; its label is data, so the site ships no text for it. */
const RowChoice = z.object({ label: LocalText, options: z.array(Option) });
const RowField = z.object({ label: LocalText });

/**
 * Repeatable occupation row (SSYK 2012, 4 digits) with planned hires, education level, difficulty.
 * The optional fields are version 2's (docs/skills-needs-v2.md); a question without them asks
 * what version 1 asks, and its rows may not hold them.
 */
export const OccupationsQuestion = z.object({
  ...base,
  type: z.literal("occupations"),
  maxRows: z.number(),
  difficulties: z.array(Option), // easy, some, hard
  staffChanges: z.array(Option), // more, same, fewer
  educationLevels: z.array(Option), // SUN 2020 level groups
  /** Expected staff change in three years, with the staffChanges options. */
  staffChange3y: z.optional(RowField),
  /** SUN 2020 field of education (inriktning, 2 digits) beside the level. */
  educationField: z.optional(RowChoice),
  /** New graduates, experienced staff or either. */
  experience: z.optional(RowChoice),
  /** Certificates and licences the job requires (any number, none is an empty list). */
  certificates: z.optional(RowChoice),
  /** People in the occupation expected to retire in 1-3 years. */
  retirements1to3y: z.optional(RowField),
  /** Women and men employed in the occupation now. */
  workforce: z.optional(z.object({ label: LocalText, women: LocalText, men: LocalText })),
});

export const Question = z.discriminatedUnion("type", [
  LikertQuestion,
  SingleQuestion,
  MultiQuestion,
  NumberQuestion,
  TextQuestion,
  NeedMatrixQuestion,
  OccupationsQuestion,
]);
export type Question = z.infer<typeof Question>;
export type QuestionType = Question["type"];

export const Block = z.object({ id: z.string(), title: LocalText, intro: z.optional(LocalText), questions: z.array(Question) });
export type Block = z.infer<typeof Block>;

/**
 * Who answers an instrument: an organisation answers a skills-needs survey once, whichever of its
 * contacts fills it in; a programme's measurements and tasks are answered by each person.
 * Invitations, responses, n and response rates count this unit.
 */
export const INSTRUMENT_UNITS = ["organisation", "person"] as const;
export type InstrumentUnit = (typeof INSTRUMENT_UNITS)[number];

export const Instrument = z.object({
  id: z.string(), // e.g. "skills-needs"
  version: z.number(),
  unit: z.enum(INSTRUMENT_UNITS),
  title: LocalText,
  intro: LocalText,
  /** Block 2 style questions whose mean is the strategic-maturity indicator. */
  maturityQuestionIds: z.array(z.string()),
  blocks: z.array(Block),
});
export type Instrument = z.infer<typeof Instrument>;

/** The answer shapes per question type (validated per instrument by answersSchema). */
export type NeedCell = { level: string; method?: string; people?: number };
export type OccupationRow = {
  ssyk: string;
  hires12m: number;
  hires1to3y: number;
  staffChange12m: string;
  educationLevel: string;
  difficulty: string;
  sought12m: number;
  hired12m: number;
  // version 2 (OccupationsQuestion's optional fields)
  staffChange3y?: string;
  educationField?: string;
  experience?: string;
  certificates?: string[];
  retirements1to3y?: number;
  women?: number;
  men?: number;
};
export type AnswerValue =
  | number
  | string
  | string[]
  | Record<string, Record<string, NeedCell>>
  | OccupationRow[];
export type Answers = Record<string, AnswerValue | undefined>;
