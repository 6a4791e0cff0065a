namespace LeBureau.Client;

/// <summary>The bash script that runs Python code: a quoted heredoc, so the code reaches python3 byte for byte (pure).</summary>
public static class PythonScript
{
    public static string For(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        // A quoted delimiter disables expansion; a fresh one cannot appear as a line of the code.
        var delimiter = "LEBUREAU_PY_" + Guid.NewGuid().ToString("N");
        return $"python3 - <<'{delimiter}'\n{code}\n{delimiter}\n";
    }
}
