import { useId, type ReactNode } from "react";

/** One column: its header, and how a row fills its cell. The table's first column is the row header. */
export type Column<T> = {
  key: string;
  header: ReactNode;
  /** A number column: right-aligned ("num") in the header and in every cell. */
  num?: boolean;
  /** Extra classes on the column's header cell. */
  headClass?: string;
  /** Extra classes on the column's body cells. */
  cellClass?: string;
  cell: (row: T) => ReactNode;
};

type DataTableProps<T> = {
  caption: ReactNode;
  /** The caption for screen readers only (the page's heading already says it). */
  captionHidden?: boolean;
  /** A fixed id for the caption (tests and links use some); otherwise one is made. */
  captionId?: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  rowClass?: (row: T) => string | undefined;
  /** A row in tfoot (a total) filled by the same columns. */
  footRow?: T;
  /** Shown in one row across the table when there are no rows; without it the body is empty. */
  empty?: ReactNode;
  /**
   * "scroll": a focusable region named by the caption that scrolls sideways on a narrow screen;
   * "wrap": the plain wrapper.
   */
  wrapper?: "scroll" | "wrap";
  wrapperClass?: string;
  wrapperId?: string;
  tableClass?: string;
};

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(" ") || undefined;

/** An owner page's table: caption, column headers (th scope="col"), a row header per row (th scope="row"). */
export function DataTable<T>({ caption, captionHidden, captionId, columns, rows, rowKey, rowClass, footRow, empty, wrapper = "scroll", wrapperClass, wrapperId, tableClass }: DataTableProps<T>) {
  const madeId = useId();
  const id = captionId ?? madeId;
  const row = (r: T) => (
    <tr key={rowKey(r)} className={rowClass?.(r)}>
      {columns.map((c, i) =>
        i === 0 ? (
          <th scope="row" key={c.key} className={c.cellClass}>
            {c.cell(r)}
          </th>
        ) : (
          <td key={c.key} className={classes(c.num && "num", c.cellClass)}>
            {c.cell(r)}
          </td>
        ),
      )}
    </tr>
  );
  const table = (
    <table className={tableClass}>
      <caption id={id} className={captionHidden ? "visually-hidden" : undefined}>
        {caption}
      </caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" key={c.key} className={classes(c.num && "num", c.headClass)}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && empty !== undefined ? (
          <tr>
            <td colSpan={columns.length}>{empty}</td>
          </tr>
        ) : (
          rows.map(row)
        )}
      </tbody>
      {footRow !== undefined ? <tfoot>{row(footRow)}</tfoot> : null}
    </table>
  );
  if (wrapper === "wrap") return <div className={classes("table-wrap", wrapperClass)}>{table}</div>;
  return (
    <div className={classes("table-scroll", wrapperClass)} tabIndex={0} role="region" aria-labelledby={id} id={wrapperId}>
      {table}
    </div>
  );
}
