/** Certificates in use by month of expiry, as bars with the numbers written on them (and a table for screen readers). */
export function ExpiryChart({ months }: { months: { month: string; count: number }[] }) {
  if (months.length === 0)
    return <p className="text-sm text-slate-600">No certificate in use expires within a year.</p>;
  const max = Math.max(...months.map((month) => month.count));
  const barWidth = 48;
  const height = 140;
  return (
    <figure className="space-y-1">
      <svg
        role="img"
        aria-labelledby="expiry-chart-title"
        viewBox={`0 0 ${months.length * barWidth + 10} ${height + 30}`}
        width="100%"
        style={{ maxWidth: months.length * barWidth + 10 }}
      >
        <title id="expiry-chart-title">
          Certificates in use expiring per month: {months.map((month) => `${month.month}: ${month.count}`).join(", ")}
        </title>
        {months.map((month, index) => {
          const barHeight = Math.max(2, Math.round((month.count / max) * (height - 20)));
          return (
            <g key={month.month} transform={`translate(${index * barWidth + 10}, 0)`}>
              <rect x={4} y={height - barHeight} width={barWidth - 12} height={barHeight} fill="#1d4ed8" />
              <text x={barWidth / 2 - 2} y={height - barHeight - 4} fontSize={11} textAnchor="middle">
                {month.count}
              </text>
              <text x={barWidth / 2 - 2} y={height + 16} fontSize={10} textAnchor="middle">
                {month.month}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="sr-only">
        <table>
          <tbody>
            {months.map((month) => (
              <tr key={month.month}>
                <th>{month.month}</th>
                <td>{month.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
