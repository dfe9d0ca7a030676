import { countyName, divisionLabel, municipalityName, sectionLabel } from "../../shared/classifications";
import type { ResultDimension } from "../../shared/schemas";

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

/** Municipalities and counties by name, industries and size classes in code order. */
export function compareSegments(dimension: ResultDimension | "all") {
  return (a: { segment: string; label: string }, b: { segment: string; label: string }) =>
    dimension === "municipality" || dimension === "county"
      ? a.label.localeCompare(b.label, "sv")
      : a.segment.localeCompare(b.segment, "sv", { numeric: true });
}
