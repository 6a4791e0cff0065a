using System.Text.RegularExpressions;
using LeBureau.Testing;

namespace LeBureau.Quickstart.Tests;

/// <summary>The fenced code blocks of README.md that carry a name (<c>```sh quickstart-api</c>).</summary>
public static partial class ReadmeBlocks
{
    [GeneratedRegex(@"^```sh (?<name>[\w-]+)\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Block();

    /// <summary>The body of the block called <paramref name="name"/>.</summary>
    public static string Get(string name)
    {
        var readme = File.ReadAllText(RepoPaths.Of("README.md"));
        return Block().Matches(readme).FirstOrDefault(m => m.Groups["name"].Value == name)?.Groups["body"].Value
            ?? throw new InvalidOperationException($"README.md has no ```sh {name} block");
    }
}
