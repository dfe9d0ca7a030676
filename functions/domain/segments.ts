import { countyName, divisionLabel, municipalityName, sectionLabel } from "../../shared/classifications";
import { SIZE_CLASSES, type ResultDimension } from "../../shared/schemas";

/** The segment's name; the site shows the code beside it. */
export function segmentLabel(dimension: ResultDimension | "all", value: string): string {
  switch (dimension) {
    case "industry":
      return divisionLabel(value) ?? value;
    case "section":
      return sectionLabel(value, "sv") ?? value;
    case "municipality":
      return municipalityName(value) ?? value;
    case "county":
      return countyName(value) ?? value;
    case "size":
      return "anställda";
    default:
      return "Alla";
  }
}

/** Size classes in size order; industries, sections, municipalities and counties by name (the site shows the code beside it). */
export function compareSegments(dimension: ResultDimension | "all") {
  const size = (v: string) => SIZE_CLASSES.indexOf(v as (typeof SIZE_CLASSES)[number]);
  return (a: { segment: string; label: string }, b: { segment: string; label: string }) =>
    dimension === "size" ? size(a.segment) - size(b.segment) : a.label.localeCompare(b.label, "sv") || a.segment.localeCompare(b.segment, "sv");
}
