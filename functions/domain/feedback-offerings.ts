import type { OfferingInReach } from "../../shared/schemas/feedback";
import type { Deps } from "../adapters/ports";

/** What the competence plan asks the education offerings for: what the company needs, and where it is. */
export type OfferingQuery = {
  municipality: string;
  county: string;
  /** SSYK codes of the occupations the company plans to recruit in. */
  occupations: string[];
  /** The competence areas (need-matrix area values) where it reported a need. */
  areas: string[];
};

export type OfferingsInReach = (deps: Deps, query: OfferingQuery) => Promise<OfferingInReach[]>;

/**
 * The offerings in reach of the company, for its competence plan. Education offerings (issue 10,
 * item 3) are built on another branch: until that is merged this input lists none, and the plan
 * says so. The merge replaces this function with one that reads the imported offerings.
 */
export const offeringsNotYetMerged: OfferingsInReach = async () => [];
