/** Pure code arithmetic, no data: safe to import anywhere. */

/** The 2-digit division of a 5-digit SNI code ("28110" -> "28"). */
export function sniDivision(code5: string): string {
  return code5.trim().slice(0, 2);
}

/** The 2-digit county code of a 4-digit municipality code ("0580" -> "05"). */
export function countyOf(municipality: string): string {
  return municipality.trim().slice(0, 2);
}
