/**
 * ExcelJS's streaming writer on its own. Its package entry also brings the readers (unzipper,
 * fast-csv, ...), some 600 KB more in every API handler's bundle; the writer module needs none of them.
 */
declare module "exceljs/lib/stream/xlsx/workbook-writer.js" {
  import type ExcelJS from "exceljs";
  const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter;
  export default WorkbookWriter;
}
