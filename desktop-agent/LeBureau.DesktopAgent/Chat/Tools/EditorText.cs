using System.Text;

namespace LeBureau.DesktopAgent.Chat.Tools;

/// <summary>
/// The pure text work of the editor tool: lines, <c>cat -n</c> numbering, counting occurrences, inserting lines,
/// snippets around an edit and truncation. A line ends at '\n'; a final '\n' does not start another line;
/// '\r' stays part of its line in the file and is hidden when shown.
/// </summary>
internal static class EditorText
{
    private const int SnippetContext = 4;

    public static List<string> Lines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Split('\n').ToList();
        if (text[^1] == '\n')
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>Lines numbered from <paramref name="firstNumber"/> as <c>cat -n</c> prints them: the number right-aligned in 6, a tab, the line.</summary>
    public static string Numbered(IEnumerable<string> lines, int firstNumber)
    {
        var text = new StringBuilder();
        var number = firstNumber;
        foreach (var line in lines)
        {
            text.Append(number++.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(6)).Append('\t').Append(line.TrimEnd('\r')).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The 1-based line numbers where <paramref name="value"/> starts, counting non-overlapping occurrences as <c>str.count</c> does.</summary>
    public static List<int> OccurrenceLines(string text, string value)
    {
        var found = new List<int>();
        var line = 1;
        var scanned = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            line += CountNewlines(text.AsSpan(scanned, index - scanned));
            scanned = index;
            found.Add(line);
        }

        return found;
    }

    /// <summary>
    /// <paramref name="text"/> with the lines of <paramref name="insert"/> placed after line <paramref name="afterLine"/>
    /// (0 = at the top). One trailing newline of the inserted text is dropped: it ends the last inserted line.
    /// </summary>
    public static string InsertLines(string text, int afterLine, string insert)
    {
        var lines = Lines(text);
        var added = insert.EndsWith('\n') ? insert[..^1] : insert;
        lines.InsertRange(afterLine, added.Split('\n'));
        var endsWithNewline = text.Length == 0 || text[^1] == '\n';
        return string.Join('\n', lines) + (endsWithNewline ? "\n" : string.Empty);
    }

    /// <summary>The numbered lines around lines <paramref name="firstLine"/>..<paramref name="lastLine"/> of <paramref name="text"/>, a few either side.</summary>
    public static string Snippet(string text, int firstLine, int lastLine)
    {
        var lines = Lines(text);
        var start = Math.Max(1, firstLine - SnippetContext);
        var end = Math.Min(lines.Count, lastLine + SnippetContext);
        return end < start ? string.Empty : Numbered(lines.Skip(start - 1).Take(end - start + 1), start);
    }

    public static int CountNewlines(ReadOnlySpan<char> text) => text.Count('\n');

    /// <summary>At most <paramref name="limit"/> characters of <paramref name="text"/>, cut at a line end when one is near.</summary>
    public static string Truncate(string text, int limit, out bool cut)
    {
        cut = text.Length > limit;
        if (!cut)
        {
            return text;
        }

        var lineEnd = text.LastIndexOf('\n', limit - 1);
        if (lineEnd >= limit / 2)
        {
            return text[..(lineEnd + 1)];
        }

        return char.IsHighSurrogate(text[limit - 1]) ? text[..(limit - 1)] : text[..limit];
    }
}
