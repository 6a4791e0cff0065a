namespace LeBureau.Cli.Desktops;

/// <summary>
/// The bash command line of <c>desktops exec ID -- words…</c> (pure). One word is a command line as is (like ssh:
/// <c>-- 'ls | wc -l'</c>); several words are an argv, each quoted (like kubectl exec: <c>-- ls "my file"</c>).
/// </summary>
public static class ExecCommandLine
{
    public static string Join(IReadOnlyList<string> words) =>
        words.Count == 1 ? words[0] : string.Join(' ', words.Select(Quote));

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
