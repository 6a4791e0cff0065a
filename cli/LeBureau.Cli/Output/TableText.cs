using System.Text;

namespace LeBureau.Cli.Output;

/// <summary>kubectl-style tables: upper-case headers, columns padded to their widest cell, three spaces apart (pure).</summary>
public static class TableText
{
    public static string Render<T>(IReadOnlyList<TableColumn<T>> columns, IEnumerable<T> rows)
    {
        var cells = new List<string[]> { columns.Select(c => c.Header.ToUpperInvariant()).ToArray() };
        cells.AddRange(rows.Select(row => columns.Select(c => Clean(c.Cell(row))).ToArray()));
        var widths = Enumerable.Range(0, columns.Count).Select(i => cells.Max(line => line[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var line in cells)
        {
            var padded = line.Select((cell, i) => i == line.Length - 1 ? cell : cell.PadRight(widths[i] + 3));
            text.Append(string.Concat(padded).TrimEnd()).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>One line per cell; absent values show as &lt;none&gt;, as kubectl does.</summary>
    private static string Clean(string? cell) =>
        string.IsNullOrEmpty(cell) ? "<none>" : cell.ReplaceLineEndings(" ");
}
