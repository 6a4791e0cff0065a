using System.CommandLine;

namespace LeBureau.Cli.Output;

/// <summary>The <c>-o table|json|yaml</c> option of the commands that print resources.</summary>
public static class OutputOption
{
    public static Option<OutputFormat> Create() => new("--output", "-o")
    {
        Description = "Output format: table, json or yaml.",
        DefaultValueFactory = _ => OutputFormat.Table,
        HelpName = "table|json|yaml",
    };
}
