namespace LeBureau.Cli.Output;

/// <summary>One column of a table: its header and how a row's cell is written.</summary>
public sealed record TableColumn<T>(string Header, Func<T, string?> Cell);
