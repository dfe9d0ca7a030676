/**
 * Versions of the industry classification. SNI 2025 replaced SNI 2007 in December 2025; the code
 * list of SNI 2025 and SCB's SNI 2007 -> SNI 2025 correspondence are not yet among the lists in
 * data/ (see SOURCE.md), so every organisation, release and export here is coded in SNI 2007 and
 * says so. A document coded in another version is merged only on the dimensions that do not depend
 * on it (shared/consortium/merge.ts).
 */
export const INDUSTRY_CLASSIFICATIONS = ["SNI2007", "SNI2025"] as const;
export type IndustryClassification = (typeof INDUSTRY_CLASSIFICATIONS)[number];

/** The version this product's organisation register and releases are coded in. */
export const INDUSTRY_CLASSIFICATION_IN_USE: IndustryClassification = "SNI2007";

/** Industry-dependent segment dimensions: they mean something else in another SNI version. */
export const INDUSTRY_DIMENSIONS = ["industry", "section"] as const;
