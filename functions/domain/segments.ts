import { countyName, divisionLabel, municipalityName, sectionLabel } from "../../shared/classifications";
import type { ResultDimension } from "../../shared/schemas";

export function segmentLabel(dimension: ResultDimension | "all", value: string): string {
  switch (dimension) {
    case "industry":
      return `${value} ${divisionLabel(value) ?? ""}`.trim();
    case "section":
      return `${value} ${sectionLabel(value, "sv") ?? ""}`.trim();
    case "municipality":
      return municipalityName(value) ?? value;
    case "county":
      return countyName(value) ?? value;
    case "size":
      return `${value} anställda`;
    default:
      return "Alla";
  }
}
