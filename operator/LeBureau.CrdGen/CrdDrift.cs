namespace LeBureau.CrdGen;

/// <summary>Describes how committed CRD files differ from freshly generated ones.</summary>
public static class CrdDrift
{
    /// <summary>One line per file that is missing, different or no longer generated; empty when <paramref name="actual"/> matches <paramref name="expected"/>.</summary>
    public static IReadOnlyList<string> Describe(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var missing = expected.Keys.Where(name => !actual.ContainsKey(name)).Select(name => $"{name}: missing");
        var different = expected.Where(e => actual.TryGetValue(e.Key, out var text) && text != e.Value)
            .Select(e => $"{e.Key}: {FirstDifference(e.Value, actual[e.Key])}");
        var stale = actual.Keys.Where(name => !expected.ContainsKey(name)).Select(name => $"{name}: no resource type generates it any more");
        return [.. missing.Concat(different).Concat(stale).Order(StringComparer.Ordinal)];
    }

    private static string FirstDifference(string expected, string actual)
    {
        var want = expected.Split('\n');
        var have = actual.Split('\n');
        var line = 0;
        while (line < want.Length && line < have.Length && want[line] == have[line])
        {
            line++;
        }
        return $"differs from line {line + 1}: expected '{LineAt(want, line)}', found '{LineAt(have, line)}'";
    }

    private static string LineAt(string[] lines, int index) => index < lines.Length ? lines[index] : "<end of file>";
}
