interface ChartDataTableProps {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

/** The numbers behind a chart, for screen readers; charts themselves are pictures. */
export function ChartDataTable({ caption, columns, rows }: ChartDataTableProps) {
  // Tables ignore width limits, so a wrapper does the hiding.
  return (
    <div className="visually-hidden">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((cell, index) =>
                index === 0 ? (
                  <th key={index} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={index}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
