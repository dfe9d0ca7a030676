import { describe, expect, it } from "vitest";
import { neutraliseFormula, parseCsv, toCsv } from "../../shared/csv";
import { ValidationError } from "../../shared/errors";

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe("parseCsv", () => {
  it("reads quoted fields with doubled quotes, commas and line breaks inside", () => {
    expect(fields('a,b\n"x, ""y""","line 1\nline 2"\n')).toEqual([["a", "b"], ['x, "y"', "line 1\nline 2"]]);
  });

  it("reads CRLF, LF and CR between rows and a last row without a line break", () => {
    expect(fields("a,b\r\n1,2\n3,4\r5,6")).toEqual([["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]]);
  });

  it("drops a leading BOM", () => {
    expect(fields("\uFEFForgNumber,name\n1,x")[0]).toEqual(["orgNumber", "name"]);
  });

  it("reads a file with ; when its first line has a ; and no ,", () => {
    expect(fields('a;b\n1,5;"x;y"\n')).toEqual([["a", "b"], ["1,5", "x;y"]]);
  });

  it("reads , when asked even if the first line has only ;", () => {
    expect(parseCsv("a;b,c\n", { delimiter: "," }).map((r) => r.fields)).toEqual([["a;b", "c"]]);
  });

  it("leaves out blank rows and numbers rows by the line they start on", () => {
    expect(parseCsv('a,b\r\n\r\n"x\r\ny",2\n , \n3,4\n')).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 3, fields: ["x\r\ny", "2"] },
      { line: 6, fields: ["3", "4"] },
    ]);
  });

  it("keeps a quote inside an unquoted field as a character", () => {
    expect(fields('a\n12" screen\n')).toEqual([["a"], ['12" screen']]);
  });

  it("rejects a quote that is never closed with a validation error", () => {
    expect(() => parseCsv('a,b\n"open,1\n')).toThrow(ValidationError);
  });
});

describe("toCsv", () => {
  it("ends every row with CRLF and writes null and undefined as empty cells", () => {
    expect(toCsv([["a", 1, null, undefined], ["b"]])).toBe("a,1,,\r\nb\r\n");
  });

  it("quotes cells with a comma, semicolon, quote or line break and doubles the quotes", () => {
    expect(toCsv([["a,b", "a;b", 'say "hi"', "x\ny", "x\ry", "plain"]])).toBe('"a,b","a;b","say ""hi""","x\ny","x\ry",plain\r\n');
  });

  it("neutralises text cells a spreadsheet would run as formulas, not numbers", () => {
    expect(toCsv([["=SUM(A1)", "+1", "-1", "@x", "\tt", "ok", -1]])).toBe("'=SUM(A1),'+1,'-1,'@x,'\tt,ok,-1\r\n");
  });

  it("writes what parseCsv reads back", () => {
    const rows = [["name", "note"], ['Åsa "A" Öberg', "line 1\r\nline 2; more"]];
    expect(fields(toCsv(rows))).toEqual(rows);
  });
});

describe("neutraliseFormula", () => {
  it("prefixes = + - @ tab and CR with an apostrophe and leaves other text alone", () => {
    expect(["=1", "+1", "-1", "@1", "\t1", "\r1", "1=", "a"].map(neutraliseFormula)).toEqual(["'=1", "'+1", "'-1", "'@1", "'\t1", "'\r1", "1=", "a"]);
  });
});
